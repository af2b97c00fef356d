// `calibration:`: random batches, .npy data files, and the errors.
#include "orchestrator/config/calibration_section.h"

#include <gtest/gtest.h>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/campaign_dir_for_test.h"

namespace campaign::config {
namespace {

const char kBase[] = "name: p\nmodels:\n  - {name: m, path: m.onnx}\nmatrix:\n  batch: [1]\n";

TEST(CalibrationSectionTest, DefaultsWhenAbsent) {
  auto cfg = ParseMinimalCampaignWith("");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->calibration.batches, 8);
  EXPECT_EQ(cfg->calibration.seed, 1u);
  EXPECT_TRUE(cfg->calibration.data.empty());
}

TEST(CalibrationSectionTest, BatchesSeedAndDataRelativeToTheYaml) {
  CampaignDirForTest dir;
  dir.AddModel("m.onnx");
  const auto a = dir.AddModel("calib/a.npy");
  const auto b = dir.AddModel("b.npy");
  auto cfg = dir.Parse(std::string(kBase) +
                       "calibration: {batches: 3, seed: 42, data: [calib/a.npy, b.npy]}\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->calibration.batches, 3);
  EXPECT_EQ(cfg->calibration.seed, 42u);
  EXPECT_EQ(cfg->calibration.data, (std::vector<std::filesystem::path>{a, b}));
  cfg = dir.Parse(std::string(kBase) + "calibration:\n  data: b.npy\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->calibration.data, (std::vector<std::filesystem::path>{b}));
}

TEST(CalibrationSectionTest, BadKeysAndValuesAreNamed) {
  CampaignDirForTest dir;
  dir.AddModel("m.onnx");
  dir.AddModel("notes.txt");
  auto cfg = dir.Parse(std::string(kBase) +
                       "calibration:\n  batchs: 3\n  seed: -1\n  data: [missing.npy, notes.txt]\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().reason(), Reason::kInvalidConfig);
  const std::string e = cfg.status().message();
  for (const char* want :
       {"did you mean 'batches'", "calibration.seed must be an integer",
        "calibration data file not found: ", "missing.npy", "relative to the YAML file's directory",
        "notes.txt is not a .npy file", ":8:"}) {
    EXPECT_NE(e.find(want), std::string::npos) << want << "\n" << e;
  }
  cfg = dir.Parse(std::string(kBase) + "calibration: {batches: 0}\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("calibration.batches must be an integer from 1 to 10000"),
            std::string::npos)
      << cfg.status().message();
  cfg = dir.Parse(std::string(kBase) + "calibration: 8\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("calibration must be a mapping"), std::string::npos)
      << cfg.status().message();
  cfg = dir.Parse(std::string(kBase) + "calibration: {data: []}\n");
  ASSERT_FALSE(cfg.ok());
  EXPECT_NE(cfg.status().message().find("calibration.data must be a .npy file or a non-empty"),
            std::string::npos)
      << cfg.status().message();
}

}  // namespace
}  // namespace campaign::config
