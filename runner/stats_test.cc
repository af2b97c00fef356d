#include "runner/stats.h"

#include <gtest/gtest.h>

namespace campaign::runner {
namespace {

TEST(StatsTest, KnownSampleMatchesNumpy) {
  // numpy.percentile([...], q) with the default linear method.
  LatencyStats s = ComputeLatencyStats({5, 1, 4, 2, 3, 10, 6, 7, 9, 8});
  EXPECT_DOUBLE_EQ(s.mean_ms, 5.5);
  EXPECT_DOUBLE_EQ(s.median_ms, 5.5);
  EXPECT_DOUBLE_EQ(s.min_ms, 1);
  EXPECT_DOUBLE_EQ(s.max_ms, 10);
  EXPECT_NEAR(s.p90_ms, 9.1, 1e-12);
  EXPECT_NEAR(s.p95_ms, 9.55, 1e-12);
  EXPECT_NEAR(s.p99_ms, 9.91, 1e-12);
  EXPECT_NEAR(s.stddev_ms, 2.8722813232690143, 1e-12);
}

TEST(StatsTest, LatencySampleMatchesNumpy) {
  // a = numpy.array([...]); a.mean(), numpy.median(a), numpy.percentile(a, 90/95/99),
  // a.std(), a.std() / a.mean()  (numpy 1.24.2)
  LatencyStats s =
      ComputeLatencyStats({1.21, 1.18, 1.25, 1.19, 1.22, 1.31, 1.2, 1.17, 1.23, 1.19, 1.58, 1.2});
  EXPECT_NEAR(s.mean_ms, 1.2441666666666666, 1e-12);
  EXPECT_NEAR(s.median_ms, 1.205, 1e-12);
  EXPECT_NEAR(s.p90_ms, 1.304, 1e-12);
  EXPECT_NEAR(s.p95_ms, 1.4314999999999998, 1e-12);
  EXPECT_NEAR(s.p99_ms, 1.5503000000000002, 1e-12);
  EXPECT_NEAR(s.stddev_ms, 0.10742891706715763, 1e-12);
  EXPECT_NEAR(s.cov, 0.0863460820365634, 1e-12);
  EXPECT_DOUBLE_EQ(s.min_ms, 1.17);
  EXPECT_DOUBLE_EQ(s.max_ms, 1.58);
}

TEST(StatsTest, OddCountMedianIsMiddle) {
  LatencyStats s = ComputeLatencyStats({3, 1, 2});
  EXPECT_DOUBLE_EQ(s.median_ms, 2);
  EXPECT_DOUBLE_EQ(s.p90_ms, 2.8);
}

TEST(StatsTest, SingleAndEmptySamples) {
  LatencyStats one = ComputeLatencyStats({4});
  EXPECT_DOUBLE_EQ(one.median_ms, 4);
  EXPECT_DOUBLE_EQ(one.p99_ms, 4);
  EXPECT_DOUBLE_EQ(one.stddev_ms, 0);
  LatencyStats none = ComputeLatencyStats({});
  EXPECT_DOUBLE_EQ(none.mean_ms, 0);
}

}  // namespace
}  // namespace campaign::runner
