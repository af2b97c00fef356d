// `measure:`: stop rules, warm-up by time, transfers, noise gate, profile.
#include "orchestrator/config/measure_section.h"

#include <gtest/gtest.h>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/campaign_dir_for_test.h"

namespace campaign::config {
namespace {

Result<CampaignConfig> ParseWith(const std::string& extra) {
  return ParseMinimalCampaignWith(extra);
}

TEST(MeasureSectionTest, DefaultsAreTheFieldsRules) {
  auto cfg = ParseWith("");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  const MeasureConfig& m = cfg->measure;
  EXPECT_EQ(m.warmup, 0);
  EXPECT_DOUBLE_EQ(m.warmup_ms, 200);
  EXPECT_EQ(m.iterations, 0);
  EXPECT_EQ(m.min_iterations, 10);
  EXPECT_DOUBLE_EQ(m.min_duration_ms, 3000);
  EXPECT_TRUE(m.transfers);
  EXPECT_DOUBLE_EQ(m.max_cov, 0.025);
  EXPECT_EQ(m.repeat_unstable, 0);
  EXPECT_EQ(m.profile_iterations, 10);
  EXPECT_EQ(m.trace_iterations, 3);
}

TEST(MeasureSectionTest, HundredWarmupStepsMeanOfTheLastTwenty) {
  auto cfg = ParseWith("measure: {warmup: 100, warmup_time: 0, iterations: 20}\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->measure.warmup, 100);
  EXPECT_DOUBLE_EQ(cfg->measure.warmup_ms, 0);
  EXPECT_EQ(cfg->measure.iterations, 20);
}

TEST(MeasureSectionTest, EveryKey) {
  auto cfg = ParseWith(
      "measure:\n  warmup_time: 500ms\n  min_iterations: 50\n  min_duration: 2s\n"
      "  transfers: false\n  max_cov: \"1.5%\"\n  repeat_unstable: 2\n"
      "  profile_iterations: 0\n  trace_iterations: 5\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  const MeasureConfig& m = cfg->measure;
  EXPECT_DOUBLE_EQ(m.warmup_ms, 500);
  EXPECT_EQ(m.min_iterations, 50);
  EXPECT_DOUBLE_EQ(m.min_duration_ms, 2000);
  EXPECT_FALSE(m.transfers);
  EXPECT_DOUBLE_EQ(m.max_cov, 0.015);
  EXPECT_EQ(m.repeat_unstable, 2);
  EXPECT_EQ(m.profile_iterations, 0);
  EXPECT_EQ(m.trace_iterations, 5);
  cfg = ParseWith("measure: {max_cov: 4}\n");
  ASSERT_TRUE(cfg.ok());
  EXPECT_DOUBLE_EQ(cfg->measure.max_cov, 0.04);
}

TEST(MeasureSectionTest, BadValuesAreNamed) {
  auto cfg = ParseWith(
      "measure:\n  warmup_time: soon\n  min_duration: -1s\n  transfers: maybe\n"
      "  max_cov: 150\n  repeat_unstable: 11\n");
  ASSERT_FALSE(cfg.ok());
  const std::string e = cfg.status().message();
  for (const char* want :
       {"measure.warmup_time must be a duration", "measure.min_duration must be a duration",
        "measure.transfers must be true or false", "measure.max_cov must be a percentage",
        "measure.repeat_unstable must be an integer from 0 to 10"}) {
    EXPECT_NE(e.find(want), std::string::npos) << want << "\n" << e;
  }
}

TEST(MeasureSectionTest, Milliseconds) {
  EXPECT_EQ(ParseMilliseconds("200ms"), 200.0);
  EXPECT_EQ(ParseMilliseconds("3"), 3000.0);
  EXPECT_EQ(ParseMilliseconds("0.5s"), 500.0);
  EXPECT_EQ(ParseMilliseconds("1m"), 60000.0);
  EXPECT_FALSE(ParseMilliseconds("-5ms"));
  EXPECT_FALSE(ParseMilliseconds("ms"));
}

}  // namespace
}  // namespace campaign::config
