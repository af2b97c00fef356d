// End to end: an int8 campaign on a real model through the real converter
// (calibration, QDQ engine) and the real runner, and the engine cache keyed
// on the calibration.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/file_util.h"
#include "tests/cli_harness.h"
#include "tests/tiny_models.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;

using testing::CommandResult;
using Int8E2eTest = testing::CliTest;

std::string Yaml(int calibration_batches, const std::string& extra = "") {
  return "name: int8\nmodels:\n  - {name: tiny, path: tiny.onnx}\n"
         "matrix:\n  batch: [2]\n  precision: [fp32, int8]\n"
         "calibration: {batches: " +
         std::to_string(calibration_batches) +
         "}\n"
         "measure: {warmup: 1, warmup_time: 0, iterations: 3, profile_iterations: 0}\n" +
         extra;
}

TEST_F(Int8E2eTest, Int8CampaignSucceedsAndCalibrationIsPartOfTheCacheKey) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  const fs::path yaml = WriteFile("int8.yaml", Yaml(3));
  CommandResult run = Campaign({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("2 succeeded, 0 failed"), std::string::npos) << run.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at("precision"), "int8");
  EXPECT_EQ(rows[1].at("status"), "succeeded") << rows[1].at("message");
  EXPECT_GT(std::stod(rows[1].at("median_ms")), 0.0);
  EXPECT_EQ(rows[0].at("compute_mode"), "fp32");
  EXPECT_EQ(rows[1].at("compute_mode"), "QDQ, computed in fp32");
  // Checked against the fp32 engine's reference: quantized, within 0.05.
  const double err = std::stod(rows[1].at("norm_rel_error"));
  EXPECT_GT(err, 1e-6);
  EXPECT_LE(err, 0.05);
  auto log = ReadFile(rows[1].at("log"));
  ASSERT_TRUE(log.ok());
  // The conversion (calibration, layers) and the runner (how it computes).
  for (const char* want :
       {"--calibration-batches 3", "--int8-tolerance 0.05", "calibration: 3 reference runs",
        "int8 accuracy: 0 layers in fp32: error ",
        "int8: quantized: ", "int8: left in fp32: ", "precision int8: QDQ, computed in fp32"}) {
    EXPECT_NE(log->find(want), std::string::npos) << want << "\n" << *log;
  }

  // Unchanged campaign: cache hit. Other calibration: a new int8 engine.
  CommandResult again = Campaign({"run", yaml.string()});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  log = ReadFile(CsvReport()[1].at("log"));
  ASSERT_TRUE(log.ok());
  EXPECT_NE(log->find("engine: cache hit"), std::string::npos) << *log;
  WriteFile("int8.yaml", Yaml(4));
  CommandResult other = Campaign({"run", yaml.string()});
  ASSERT_EQ(other.exit_code, 0) << other.output;
  rows = CsvReport();
  auto fp32_log = ReadFile(rows[0].at("log"));
  auto int8_log = ReadFile(rows[1].at("log"));
  ASSERT_TRUE(fp32_log.ok() && int8_log.ok());
  EXPECT_NE(fp32_log->find("engine: cache hit"), std::string::npos) << *fp32_log;
  EXPECT_EQ(int8_log->find("engine: cache hit"), std::string::npos) << *int8_log;
  EXPECT_NE(int8_log->find("calibration: 4 reference runs"), std::string::npos) << *int8_log;
}

// Two batch sizes of one model: one conversion calibrates and checks, the
// other reuses that plan (results/engines/int8-plans), and both pass.
TEST_F(Int8E2eTest, BatchSizesOfOneModelShareOneCalibration) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  const fs::path yaml =
      WriteFile("int8.yaml",
                "name: int8\nmodels:\n  - {name: tiny, path: tiny.onnx}\n"
                "matrix:\n  batch: [1, 2, 4]\n  precision: [int8]\n"
                "measure: {warmup: 1, warmup_time: 0, iterations: 3, profile_iterations: 0}\n");
  CommandResult run = Campaign({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 3u);
  int computed = 0, reused = 0;
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("status"), "succeeded") << row.at("message");
    auto log = ReadFile(row.at("log"));
    ASSERT_TRUE(log.ok());
    EXPECT_NE(log->find("--int8-plan-dir"), std::string::npos) << *log;
    const bool hit = log->find("int8: plan cache hit") != std::string::npos;
    const bool calibrated = log->find("calibration: 8 reference runs") != std::string::npos;
    EXPECT_NE(hit, calibrated) << *log;
    (hit ? reused : computed)++;
  }
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(reused, 2);
}

// The YAML's int8 tolerance is what the converter builds the engine for: a
// tolerance no int8 layer can meet leaves them all in fp32, listed with
// their sensitivity, and the job passes that tolerance.
TEST_F(Int8E2eTest, TheYamlsInt8ToleranceDrivesTheFp32Fallback) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  const fs::path yaml = WriteFile("int8.yaml", Yaml(3, "validation: {tolerance: {int8: 1e-6}}\n"));
  CommandResult run = Campaign({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at("status"), "succeeded") << rows[1].at("message");
  auto log = ReadFile(rows[1].at("log"));
  ASSERT_TRUE(log.ok());
  for (const char* want :
       {"--int8-tolerance 1e-06", "int8 accuracy: measuring the sensitivity",
        "1 most sensitive layer left in fp32: error 0", "0 layers quantized to int8 (QDQ)",
        "(FusedConv: accuracy: sensitivity "}) {
    EXPECT_NE(log->find(want), std::string::npos) << want << "\n" << *log;
  }
}

}  // namespace
}  // namespace campaign
