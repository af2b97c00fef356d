#include "orchestrator/cli/bench_summary.h"

#include <gtest/gtest.h>

namespace campaign {
namespace {

RunResult Sample() {
  RunResult r;
  r.ok = true;
  r.batch = 8;
  r.iterations = 200;
  r.measure.duration_ms = 4000;  // 50 qps
  r.throughput_wall = 400;
  r.throughput = 410;
  r.latency = {20, 19.5, 18, 30, 22, 24, 29, 1, 0.05};
  r.compute = {18, 18, 17.5, 19, 18.5, 18.7, 18.9, 0.2, 0.011};
  r.h2d = {1, 1, 0.9, 1.2, 1.1, 1.15, 1.19, 0.05, 0.05};
  r.d2h = {0.1, 0.1, 0.09, 0.12, 0.11, 0.115, 0.119, 0.005, 0.05};
  r.measure.transfers = true;
  r.measure.stability_metric = "compute";
  r.measure.unstable_threshold = 0.025;
  r.profile = {{"conv1", "Conv", 4, 4, 0.25}, {"conv2", "Conv", 12, 12, 0.75}};
  r.measure.profile_iterations = 10;
  return r;
}

TEST(BenchSummaryTest, TrtexecVocabulary) {
  const std::string s = BenchSummary(Sample());
  for (const char* want :
       {"Throughput: 50.0000 qps (batch 8: 400.00 inferences/s",
        "Latency: min = 18.00000 ms, max = 30.00000 ms, mean = 20.00000 ms, median = 19.50000 ms, "
        "percentile(90%) = 22.00000 ms, percentile(95%) = 24.00000 ms, percentile(99%) = "
        "29.00000 ms",
        "H2D Latency: min = 0.90000 ms", "GPU Compute Time: min = 17.50000 ms",
        "D2H Latency: min = 0.09000 ms", "Enqueue Time: ", "Total Host Walltime: 4.00000 s",
        "Total GPU Compute Time: 3.60000 s", "Coefficient of variance (compute): 1.100 % -> stable",
        "conv2 (Conv)"}) {
    EXPECT_NE(s.find(want), std::string::npos) << want << "\n" << s;
  }
  EXPECT_LT(s.find("conv2 (Conv)"), s.find("conv1 (Conv)")) << "largest layer first";
}

TEST(BenchSummaryTest, NoTransfersAndUnstable) {
  RunResult r = Sample();
  r.measure.transfers = false;
  r.measure.unstable = true;
  const std::string s = BenchSummary(r);
  EXPECT_EQ(s.find("H2D Latency"), std::string::npos) << s;
  EXPECT_EQ(s.find("D2H Latency"), std::string::npos) << s;
  EXPECT_NE(s.find("UNSTABLE"), std::string::npos) << s;
  EXPECT_NE(s.find("no data transfers"), std::string::npos) << s;
}

}  // namespace
}  // namespace campaign
