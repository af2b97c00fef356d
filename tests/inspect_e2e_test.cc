// `campaign convert` and `campaign inspect` through the real binary: the
// engine holds the fused operator and the pass counts, inspect shows them.
#include <gtest/gtest.h>

#include <string>

#include "tests/cli_harness.h"
#include "tests/tiny_models.h"

namespace campaign {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using InspectE2eTest = testing::CliTest;

TEST_F(InspectE2eTest, InspectModelConvertAndInspectEngine) {
  const auto model = dir_ / "tiny.onnx";
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn("N"), model).ok());

  CommandResult r = RunCommand({CAMPAIGN_BIN, "inspect", model.string(), "--batch", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("input FLOAT [N,3,8,8]  (dynamic)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Conv=1"), std::string::npos) << r.output;
  // Conv: [2,4,8,8] outputs x 3*3*3 multiply-adds x 2.
  EXPECT_NE(r.output.find("FLOPs at batch 2: 27648 "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("; Conv 27648"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("all operators supported"), std::string::npos) << r.output;

  const auto engine = dir_ / "tiny.b4.onnx";
  r = RunCommand({CAMPAIGN_BIN, "convert", model.string(), "--batch", "4", "-o", engine.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("pass simplify: nodes 4 -> 3"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("note: the --calibration-*"), std::string::npos) << r.output;
  // int8-only flags on an fp32 conversion are named as ignored, not dropped silently.
  r = RunCommand({CAMPAIGN_BIN, "convert", model.string(), "--batch", "4", "--int8-tolerance",
                  "0.01", "-o", (dir_ / "tiny.b4.again.onnx").string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("apply to --precision int8 only; ignored for fp32"), std::string::npos)
      << r.output;

  r = RunCommand({CAMPAIGN_BIN, "inspect", engine.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(": engine (IR"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ai.campaign=1"), std::string::npos) << r.output;  // opset import
  EXPECT_NE(r.output.find("ai.campaign.FusedConv=1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("input FLOAT [4,3,8,8]\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("campaign.pass_node_counts = fuse_activation:4->3"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("campaign.batch = 4"), std::string::npos) << r.output;
}

TEST_F(InspectE2eTest, UnsupportedOperatorsAndMissingFile) {
  const auto model = dir_ / "odd.onnx";
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnnWithOp("NoSuchOp"), model).ok());
  CommandResult r = RunCommand({CAMPAIGN_BIN, "inspect", model.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("NOT supported: com.example.NoSuchOp (x1)"), std::string::npos)
      << r.output;

  r = RunCommand({CAMPAIGN_BIN, "inspect", (dir_ / "missing.onnx").string()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("missing.onnx"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace campaign
