#include "common/iteration_times.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace campaign {
namespace {

TEST(IterationTimesTest, ExportTimesIsOneObjectPerIteration) {
  std::vector<IterationTimesRecord> samples(3);
  samples[1].latency_ms = 2.5;
  samples[1].compute_ms = 2.0;
  auto j = nlohmann::json::parse(IterationTimesJson(samples));
  ASSERT_EQ(j.size(), 3u);
  EXPECT_DOUBLE_EQ(j[1]["latencyMs"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(j[1]["computeMs"].get<double>(), 2.0);
  EXPECT_TRUE(j[0].contains("h2dMs") && j[0].contains("d2hMs") && j[0].contains("enqueueMs"));
}

}  // namespace
}  // namespace campaign
