// The measurement rules (pure), the unstable flag, and a real timed +
// profiled run of a tiny model on the OpenCL device: breakdown, per-layer
// profile, and a Trace Event JSON with one event per layer per iteration.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/testing/temp_dir.h"
#include "runner/job.h"
#include "runner/layer_profile.h"
#include "runner/measure_rules.h"
#include "runner/stats.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

TEST(MeasureRulesTest, MinIterationsAndMinDurationMustBothHold) {
  MeasureRules r;                           // defaults: 10 iterations and 3 s
  EXPECT_FALSE(MeasureDone(r, 9, 10000));   // long enough, too few
  EXPECT_FALSE(MeasureDone(r, 500, 2999));  // enough, too short
  EXPECT_TRUE(MeasureDone(r, 10, 3000));
  r.min_duration_ms = 0;
  EXPECT_TRUE(MeasureDone(r, 10, 0));
  r.min_iterations = 0;  // still at least one iteration
  EXPECT_FALSE(MeasureDone(r, 0, 0));
  EXPECT_TRUE(MeasureDone(r, 1, 0));
}

TEST(MeasureRulesTest, FixedCountIgnoresTheDuration) {
  MeasureRules r;
  r.iterations = 20;
  EXPECT_FALSE(MeasureDone(r, 19, 1e9));
  EXPECT_TRUE(MeasureDone(r, 20, 0));
}

TEST(MeasureRulesTest, WarmupByTimeAndCount) {
  MeasureRules r;  // 200 ms, no count
  EXPECT_FALSE(WarmupDone(r, 1000, 199));
  EXPECT_TRUE(WarmupDone(r, 1, 200));
  // "100 warm-up steps, mean of the last 20": warmup 100, warmup_ms 0, iterations 20.
  r.warmup = 100;
  r.warmup_ms = 0;
  EXPECT_FALSE(WarmupDone(r, 99, 1e9));
  EXPECT_TRUE(WarmupDone(r, 100, 0));
  r.warmup = 0;
  EXPECT_TRUE(WarmupDone(r, 1, 0));  // the cold inference alone
}

TEST(MeasureRulesTest, UnstableWhenCovAboveThreshold) {
  RunResult r;
  r.latency = ComputeLatencyStats({1.0, 1.0, 1.0, 2.0});  // CoV 0.33
  MarkStability(0.025, &r);
  EXPECT_EQ(r.measure.stability_metric, "e2e");  // no device timings
  EXPECT_TRUE(r.measure.unstable);
  EXPECT_DOUBLE_EQ(r.measure.unstable_threshold, 0.025);
  // Device compute time, when measured, decides: steady (CoV 0.0099 < 0.025).
  r.compute = ComputeLatencyStats({1.00, 1.02, 1.00, 1.02});
  MarkStability(0.025, &r);
  EXPECT_EQ(r.measure.stability_metric, "compute");
  EXPECT_FALSE(r.measure.unstable);
  MarkStability(0.005, &r);
  EXPECT_TRUE(r.measure.unstable);
}

TEST(LayerProfileTest, MeanMedianAndShare) {
  std::vector<LayerSpec> layers = {{"a", "Conv"}, {"b", "Relu"}};
  std::vector<ProfiledIteration> runs(3);
  const double a[] = {3, 1, 2}, b[] = {1, 1, 4};
  for (int i = 0; i < 3; ++i) {
    runs[i].layers = {{1, 2}, {3, 4}};
    runs[i].layer_busy_ms = {a[i], b[i]};
  }
  auto p = SummarizeLayers(layers, runs);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_DOUBLE_EQ(p[0].mean_ms, 2);
  EXPECT_DOUBLE_EQ(p[0].median_ms, 2);
  EXPECT_DOUBLE_EQ(p[1].mean_ms, 2);
  EXPECT_DOUBLE_EQ(p[1].median_ms, 1);
  EXPECT_DOUBLE_EQ(p[0].share, 0.5);
  EXPECT_EQ(p[1].op_type, "Relu");
}

class TimedJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::SharedRuntime()) GTEST_SKIP() << "no OpenCL device";
    testing::ModelBuilder b;
    b.model() = testing::TinyCnn();  // Conv, Relu, MaxPool, Flatten (alias), Gemm
    b.SetMetadata("campaign.batch", "1");
    b.SetMetadata("campaign.precision", "fp32");
    options_.engine = dir_ / "tiny.onnx";
    std::ofstream out(options_.engine, std::ios::binary);
    b.model().SerializeToOstream(&out);
    options_.measure.warmup = 2;
    options_.measure.warmup_ms = 0;
    options_.measure.min_iterations = 5;
    options_.measure.min_duration_ms = 1;
    options_.validate = false;
  }
  test_support::TempDir dir_;
  JobOptions options_;
};

TEST_F(TimedJobTest, BreakdownProfileAndTrace) {
  options_.profile.iterations = 4;
  options_.profile.trace_iterations = 3;
  options_.profile.trace_path = dir_ / "job.trace.json";
  RunResult r = RunJob(options_);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_GE(r.iterations, 5);
  EXPECT_EQ(r.warmup_iterations, 2);
  EXPECT_GT(r.measure.cold_ms, 0);
  EXPECT_GT(r.measure.duration_ms, 0);
  // Every timed iteration copied the input and the output and ran kernels.
  EXPECT_GT(r.h2d.min_ms, 0);
  EXPECT_GT(r.compute.min_ms, 0);
  EXPECT_GT(r.d2h.min_ms, 0);
  EXPECT_GT(r.enqueue.min_ms, 0);
  EXPECT_NEAR(r.compute.cov, r.compute.stddev_ms / r.compute.mean_ms, 1e-12);
  EXPECT_EQ(r.measure.stability_metric, "compute");
  EXPECT_EQ(r.measure.unstable, r.compute.cov > 0.025);
  EXPECT_FALSE(r.fingerprint.device_name.empty());
  EXPECT_FALSE(r.fingerprint.opencl_version.empty());
  EXPECT_GT(r.fingerprint.compute_units, 0);
  EXPECT_FALSE(r.fingerprint.tool_version.empty());
  EXPECT_FALSE(r.fingerprint.git_commit.empty());

  // Per-layer profile: the four device layers in plan order.
  ASSERT_EQ(r.profile.size(), 4u);
  const std::vector<std::string> ops = {"Conv", "Relu", "MaxPool", "Gemm"};
  std::vector<std::string> names;
  double share = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    EXPECT_EQ(r.profile[i].op_type, ops[i]);
    EXPECT_EQ(r.profile[i].name.rfind(ops[i] + "_", 0), 0u) << r.profile[i].name;
    EXPECT_GT(r.profile[i].mean_ms, 0) << ops[i];
    names.push_back(r.profile[i].name);
    share += r.profile[i].share;
  }
  EXPECT_NEAR(share, 1.0, 1e-9);
  EXPECT_EQ(r.measure.profile_iterations, 4);

  // The trace: valid Trace Event JSON, one complete event per layer per
  // traced iteration, plus one H2D and one D2H copy per iteration.
  ASSERT_EQ(r.trace_path, options_.profile.trace_path.string());
  std::ifstream in(r.trace_path);
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(doc.is_discarded()) << "trace is not JSON";
  ASSERT_TRUE(doc.contains("traceEvents") && doc["traceEvents"].is_array());
  std::map<std::pair<std::string, int>, int> per_layer;
  int h2d = 0, d2h = 0;
  for (const auto& e : doc["traceEvents"]) {
    ASSERT_TRUE(e.contains("ph") && e["ph"].is_string());
    if (e["ph"] == "M") continue;
    ASSERT_EQ(e["ph"], "X");
    for (const char* key : {"name", "cat", "ts", "dur", "pid", "tid", "args"}) {
      ASSERT_TRUE(e.contains(key)) << key << " missing in " << e.dump();
    }
    EXPECT_TRUE(e["ts"].is_number() && e["dur"].is_number());
    EXPECT_GE(e["ts"].get<double>(), 0);
    EXPECT_GE(e["dur"].get<double>(), 0);
    const int iteration = e["args"]["iteration"].get<int>();
    if (e["cat"] == "layer") ++per_layer[{e["name"].get<std::string>(), iteration}];
    if (e["cat"] == "h2d") ++h2d;
    if (e["cat"] == "d2h") ++d2h;
  }
  EXPECT_EQ(per_layer.size(), names.size() * 3);
  for (const auto& name : names) {
    for (int i = 0; i < 3; ++i) EXPECT_EQ((per_layer[{name, i}]), 1) << name << " " << i;
  }
  EXPECT_EQ(h2d, 3);
  EXPECT_EQ(d2h, 3);
}

TEST_F(TimedJobTest, FixedCountWithoutTransfersTimesComputeOnly) {
  options_.measure.iterations = 6;
  options_.measure.transfers = false;
  options_.profile.iterations = 0;
  RunResult r = RunJob(options_);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.iterations, 6);
  EXPECT_FALSE(r.measure.transfers);
  EXPECT_EQ(r.h2d.max_ms, 0);
  EXPECT_EQ(r.d2h.max_ms, 0);
  EXPECT_GT(r.compute.min_ms, 0);
  EXPECT_TRUE(r.profile.empty());
  EXPECT_TRUE(r.trace_path.empty());
}

}  // namespace
}  // namespace campaign::runner
