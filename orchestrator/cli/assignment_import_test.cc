#include "orchestrator/cli/assignment_import.h"

#include <gtest/gtest.h>

namespace campaign {
namespace {

TEST(AssignmentImportTest, SeedsLayoutBecomesAMatrixWithPerModelExceptions) {
  const std::string csv =
      "Tasks,batch_size,precision\r\n"
      "resnet50,\"1,8,16\",\"FP32,FP16\"\r\n"
      "mobilenet_v2,\"1,8,16\",\"FP32,FP16\"\r\n"
      "bert_base,\"1, 32\",INT8\r\n"
      ",,\r\n";
  auto yaml = AssignmentCsvToYaml(csv, ImportOptions{"nightly", "models"});
  ASSERT_TRUE(yaml.ok()) << yaml.status().ToString();
  EXPECT_NE(yaml->find("name: nightly\n"), std::string::npos) << *yaml;
  EXPECT_NE(yaml->find("  - name: resnet50\n    path: models/resnet50.onnx\n  - name: "
                       "mobilenet_v2"),
            std::string::npos)
      << *yaml;
  EXPECT_NE(yaml->find("  - name: bert_base\n    path: models/bert_base.onnx\n    batch: [1, "
                       "32]\n    precision: [int8]\n"),
            std::string::npos)
      << *yaml;
  EXPECT_NE(yaml->find("matrix:\n  batch: [1, 8, 16]\n  precision: [fp32, fp16]\n"),
            std::string::npos)
      << *yaml;
}

TEST(AssignmentImportTest, BadRowsNameTheRow) {
  auto r = AssignmentCsvToYaml("Tasks,batch_size,precision\nresnet,\"1,x\",fp32\n", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("row 2"), std::string::npos) << r.status().message();
  r = AssignmentCsvToYaml("Tasks,batch_size,precision\nresnet,1,fp64\n", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("fp64"), std::string::npos);
  r = AssignmentCsvToYaml("model_name;batches\nresnet;1\n", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Tasks"), std::string::npos);
  r = AssignmentCsvToYaml("Tasks,batch_size\nresnet,1\nresnet,8\n", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("listed twice"), std::string::npos);
}

}  // namespace
}  // namespace campaign
