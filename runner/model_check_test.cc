// Exported models (scripts/export_models.py) against PyTorch's own outputs.
// One test; models whose .onnx is absent are skipped (CI exports only
// squeezenet1_1). Full results: docs/operators.md.
#include "runner/model_check.h"

#include <gtest/gtest.h>

#include "runner/test_util.h"

namespace campaign::runner {
namespace {

TEST(ModelCheckTest, ExportedModelsMatchPyTorch) {
  cl::Runtime* rt = testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  std::filesystem::path dir = std::filesystem::path(CAMPAIGN_SOURCE_DIR) / "campaigns" / "models";
  int checked = 0;
  std::string missing;
  for (const char* name :
       {"squeezenet1_1", "mobilenet_v2", "resnet50", "efficientnet_b0", "vit_b_16", "bert_base"}) {
    if (!std::filesystem::exists(dir / (std::string(name) + ".onnx"))) {
      missing += (missing.empty() ? "" : ", ") + std::string(name);
      continue;
    }
    auto r = CheckModel(dir, name, *rt, /*with_reference=*/false);
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    EXPECT_LE(r->norm_rel_error, 1e-4) << name;
    EXPECT_GT(r->peak_device_bytes, 0u) << name;
    ++checked;
  }
  // Not a pass for models that were never checked: say which were left out.
  if (!missing.empty()) {
    GTEST_SKIP() << "checked " << checked << " of 6 models; not exported (run "
                 << "scripts/export_models.py): " << missing;
  }
}

TEST(ModelCheckTest, FixBatchRejectsOtherSymbolicDims) {
  testing::ModelBuilder b;
  b.AddInput("x", {1, 3});
  auto* dim = b.model()
                  .mutable_graph()
                  ->mutable_input(0)
                  ->mutable_type()
                  ->mutable_tensor_type()
                  ->mutable_shape()
                  ->mutable_dim(1);
  dim->set_dim_param("seq");
  Status st = FixBatch(&b.model(), 4);
  EXPECT_EQ(st.reason(), Reason::kDynamicShape);
  testing::ModelBuilder ok;
  ok.AddInput("x", {1, 3});
  ok.model()
      .mutable_graph()
      ->mutable_input(0)
      ->mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(0)
      ->set_dim_param("batch");
  ASSERT_TRUE(FixBatch(&ok.model(), 8).ok());
  EXPECT_EQ(ok.model().graph().input(0).type().tensor_type().shape().dim(0).dim_value(), 8);
}

TEST(ModelCheckTest, MissingFilesAreNotFound) {
  cl::Runtime* rt = testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  auto r = CheckModel("/nonexistent", "resnet50", *rt, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), Reason::kNotFound);
}

}  // namespace
}  // namespace campaign::runner
