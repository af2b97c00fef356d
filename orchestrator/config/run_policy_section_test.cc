// timeout / device / devices / retries, and per-model matrix lists.
#include <gtest/gtest.h>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/campaign_dir_for_test.h"

namespace campaign::config {
namespace {

Result<CampaignConfig> ParseWith(const std::string& extra) {
  return ParseMinimalCampaignWith(extra);
}

TEST(RunPolicyTest, TimeoutPerStage) {
  auto cfg = ParseWith("timeout: {convert: 2m, run: 90s}\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_DOUBLE_EQ(cfg->convert_timeout_s, 120);
  EXPECT_DOUBLE_EQ(cfg->timeout_s, 90);
  cfg = ParseWith("timeout: 5m\n");
  ASSERT_TRUE(cfg.ok());
  EXPECT_DOUBLE_EQ(cfg->convert_timeout_s, 300);
  EXPECT_DOUBLE_EQ(cfg->timeout_s, 300);
  cfg = ParseWith("timeout: {convert: 2m, runn: 1m}\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("did you mean 'run'"), std::string::npos)
      << cfg.status().message();
}

TEST(RunPolicyTest, DevicesListAllAndConflicts) {
  auto cfg = ParseWith("devices: [0, \"1:0\"]\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->devices, (std::vector<std::string>{"0", "1:0"}));
  cfg = ParseWith("devices: all\n");
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->devices, std::vector<std::string>{"all"});
  cfg = ParseWith("device: gpu\ndevices: [0]\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("not both"), std::string::npos);
  cfg = ParseWith("devices: [0, 0]\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("listed twice"), std::string::npos);
}

TEST(RunPolicyTest, RetriesOnlyForTransientReasons) {
  auto cfg = ParseWith("retries: {crash: 3, device_error: 1}\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->retries.at(Reason::kCrash), 3);
  EXPECT_EQ(cfg->retries.at(Reason::kDeviceError), 1);
  EXPECT_EQ(cfg->retries.count(Reason::kTimeout), 0u) << "a retries map replaces the defaults";
  cfg = ParseWith("retries: {unsupported_op: 2}\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("deterministic"), std::string::npos)
      << cfg.status().message();
  cfg = ParseWith("retries: {crsh: 2}\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("did you mean 'crash'"), std::string::npos)
      << cfg.status().message();
  cfg = ParseWith("retries:\n");
  ASSERT_TRUE(cfg.ok());
  EXPECT_TRUE(cfg->retries.empty());
}

TEST(RunPolicyTest, PerModelListsOverrideTheMatrix) {
  CampaignDirForTest dir;
  dir.AddModel("a.onnx");
  dir.AddModel("b.onnx");
  auto cfg = dir.Parse(
      "name: p\nmodels:\n  - {name: a, path: a.onnx, batch: [32], precision: [fp16, int8]}\n"
      "  - {name: b, path: b.onnx}\nmatrix:\n  batch: [1, 8]\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  auto specs = ExpandMatrix(*cfg);
  ASSERT_EQ(specs.size(), 4u);
  EXPECT_EQ(specs[0].model, "a");
  EXPECT_EQ(specs[0].batch, 32);
  EXPECT_EQ(specs[1].precision, Precision::kInt8);
  EXPECT_EQ(specs[2].model, "b");
  EXPECT_EQ(specs[3].batch, 8);
  auto bad = dir.Parse(
      "name: p\nmodels:\n  - {name: a, path: a.onnx, batch: [0]}\nmatrix:\n  batch: [1]\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("model 'a' batch[0]"), std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace campaign::config
