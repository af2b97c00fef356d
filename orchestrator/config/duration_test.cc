#include "orchestrator/config/duration.h"

#include <gtest/gtest.h>

namespace campaign::config {
namespace {

TEST(ParseDurationSecondsTest, AcceptsSecondsAndUnits) {
  EXPECT_EQ(ParseDurationSeconds("600"), 600);
  EXPECT_EQ(ParseDurationSeconds("90s"), 90);
  EXPECT_EQ(ParseDurationSeconds("10m"), 600);
  EXPECT_EQ(ParseDurationSeconds("2h"), 7200);
  EXPECT_EQ(ParseDurationSeconds("1.5m"), 90);
  EXPECT_EQ(ParseDurationSeconds(" 30 s "), 30);
  EXPECT_EQ(ParseDurationSeconds("0.25"), 0.25);
}

TEST(ParseDurationSecondsTest, LeavesRangeToCaller) {
  EXPECT_EQ(ParseDurationSeconds("0"), 0);
  EXPECT_EQ(ParseDurationSeconds("-5s"), -5);
}

TEST(ParseDurationSecondsTest, RejectsNonDurations) {
  for (const char* text :
       {"", "s", "ten", "10 min", "10ms", "1e3", "inf", "nan", "10m30s", "1,5m", "m10"}) {
    EXPECT_EQ(ParseDurationSeconds(text), std::nullopt) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace campaign::config
