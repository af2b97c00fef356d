// `validation:`: tolerance per precision, campaign-wide and per model.
#include "orchestrator/config/validation_section.h"

#include <gtest/gtest.h>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/campaign_dir_for_test.h"

namespace campaign::config {
namespace {

TEST(ValidationSectionTest, DefaultsPerPrecision) {
  auto cfg = ParseMinimalCampaignWith("");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_TRUE(cfg->validation.tolerance.empty());
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "m", Precision::kFp32), 1e-4);
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "m", Precision::kFp16), 1e-2);
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "m", Precision::kInt8), 5e-2);
}

TEST(ValidationSectionTest, CampaignAndModelLevels) {
  CampaignDirForTest dir;
  dir.AddModel("a.onnx");
  dir.AddModel("b.onnx");
  auto cfg = dir.Parse(
      "name: p\nmodels:\n  - {name: a, path: a.onnx}\n"
      "  - name: b\n    path: b.onnx\n    validation: {tolerance: {fp16: 0.05}}\n"
      "matrix: {batch: [1], precision: [fp32, fp16]}\n"
      "validation:\n  tolerance: {fp16: 2e-2, int8: 0.1, fp32: 1e-5}\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "a", Precision::kFp16), 2e-2);
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "a", Precision::kFp32), 1e-5);
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "a", Precision::kInt8), 0.1);
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "b", Precision::kFp16), 0.05);  // the model's own
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "b", Precision::kFp32), 1e-5);  // the campaign's
}

TEST(ValidationSectionTest, UnknownKeysSuggest) {
  auto cfg = ParseMinimalCampaignWith("validation:\n  tolerence: {fp16: 0.01}\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find(":7:3: unknown key 'tolerence' in validation; did you "
                                        "mean 'tolerance'? (allowed keys: tolerance)"),
            std::string::npos)
      << cfg.status().message();
  cfg = ParseMinimalCampaignWith("validation:\n  tolerance: {fp166: 0.01, bf16: 0.1}\n");
  ASSERT_FALSE(cfg.ok());
  const std::string e = cfg.status().message();
  EXPECT_NE(e.find("unknown key 'fp166' in validation.tolerance; did you mean 'fp16'? (allowed "
                   "keys: fp32, fp16, int8)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("unknown key 'bf16' in validation.tolerance; did you mean 'fp16'?"),
            std::string::npos)
      << e;
}

TEST(ValidationSectionTest, BadValuesAreNamed) {
  auto cfg = ParseMinimalCampaignWith(
      "validation:\n  tolerance:\n    fp32: tiny\n    fp16: 0\n    int8: 2\n");
  ASSERT_FALSE(cfg.ok());
  const std::string e = cfg.status().message();
  for (const char* want :
       {":8:11: validation.tolerance.fp32 must be a number > 0 and <= 1", "(got 'tiny')",
        ":9:11: validation.tolerance.fp16 must be", ":10:11: validation.tolerance.int8 must be"}) {
    EXPECT_NE(e.find(want), std::string::npos) << want << "\n" << e;
  }
  cfg = ParseMinimalCampaignWith("validation: 0.01\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("validation must be a mapping"), std::string::npos)
      << cfg.status().message();
}

TEST(ValidationSectionTest, ModelLevelErrorsNameTheModel) {
  CampaignDirForTest dir;
  dir.AddModel("a.onnx");
  auto cfg = dir.Parse(
      "name: p\nmodels:\n  - name: a\n    path: a.onnx\n    validation: {tolerance: {fp16: -1}}\n"
      "matrix: {batch: [1]}\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("model 'a' validation.tolerance.fp16 must be a number"),
            std::string::npos)
      << cfg.status().message();
}

}  // namespace
}  // namespace campaign::config
