#include "common/run_result.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "common/file_util.h"

namespace campaign {
namespace {

TEST(RunResultTest, JsonRoundTripKeepsEveryField) {
  RunResult r;
  r.ok = false;
  r.reason = Reason::kAccuracy;
  r.message = "norm error too large";
  r.batch = 8;
  r.precision = "fp32";
  r.device = {"NVIDIA CUDA", "NVIDIA H100", "NVIDIA", "580.1", "gpu"};
  r.warmup_iterations = 5;
  r.iterations = 20;
  r.latency = {1.5, 1.4, 1.2, 2.5, 1.9, 2.0, 2.4, 0.3};
  r.throughput = 5714.3;
  r.load_ms = 123;
  r.peak_device_bytes = 123456789;
  r.validation = {true, 0.01, 0.02, 0.999, 0.001, 1e-4, false};
  r.compute = {1.0, 0.9, 0.8, 1.2, 1.1, 1.15, 1.19, 0.05, 0.05};
  r.h2d.median_ms = 0.2;
  r.d2h.p99_ms = 0.04;
  r.throughput_wall = 5000;
  r.measure.transfers = false;
  r.measure.unstable = true;
  r.measure.cold_ms = 900;
  r.profile = {{"conv1", "Conv", 0.6, 0.55, 0.75}, {"fc", "Gemm", 0.2, 0.2, 0.25}};
  r.trace_path = "/tmp/j1.trace.json";
  r.fingerprint.opencl_version = "OpenCL 3.0";
  r.fingerprint.compute_units = 132;
  r.fingerprint.git_commit = "abc123";
  auto back = RunResultFromJson(ToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->reason, Reason::kAccuracy);
  EXPECT_EQ(back->message, r.message);
  EXPECT_EQ(back->device.name, "NVIDIA H100");
  EXPECT_EQ(back->latency.p99_ms, 2.4);
  EXPECT_EQ(back->validation.norm_rel_error, 0.001);
  EXPECT_FALSE(back->validation.passed);
  EXPECT_EQ(back->throughput, 5714.3);
  EXPECT_EQ(back->peak_device_bytes, 123456789u);
  EXPECT_EQ(back->compute.cov, 0.05);
  EXPECT_EQ(back->compute.median_ms, 0.9);
  EXPECT_EQ(back->h2d.median_ms, 0.2);
  EXPECT_EQ(back->d2h.p99_ms, 0.04);
  EXPECT_EQ(back->throughput_wall, 5000);
  EXPECT_FALSE(back->measure.transfers);
  EXPECT_TRUE(back->measure.unstable);
  EXPECT_EQ(back->measure.cold_ms, 900);
  ASSERT_EQ(back->profile.size(), 2u);
  EXPECT_EQ(back->profile[1].op_type, "Gemm");
  EXPECT_EQ(back->profile[0].share, 0.75);
  EXPECT_EQ(back->trace_path, r.trace_path);
  EXPECT_EQ(back->fingerprint.compute_units, 132);
  EXPECT_EQ(back->fingerprint.git_commit, "abc123");
}

TEST(RunResultTest, GarbageIsAnError) {
  EXPECT_FALSE(RunResultFromJson("not json").ok());
  EXPECT_FALSE(RunResultFromJson("{\"batch\": 1}").ok());  // no "ok"
}

// Issue 16: timings out of range in a result file are an error, not data.
TEST(RunResultTest, OutOfRangeTimingsAreAnError) {
  EXPECT_FALSE(RunResultFromJson(R"({"ok": true, "latency": {"median_ms": 1e999}})").ok());
  auto r = RunResultFromJson(R"({"ok": true, "latency": {"median_ms": -3}})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("latency.median_ms is -3"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(RunResultFromJson(R"({"ok": true, "throughput": -1})").ok());
}

TEST(RunResultTest, AtomicWriteThenRead) {
  char tmpl[] = "/tmp/run-result-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::filesystem::path path = std::filesystem::path(tmpl) / "sub" / "r.json";
  RunResult r;
  r.ok = true;
  r.batch = 2;
  ASSERT_TRUE(WriteRunResult(path, r).ok());
  auto back = ReadRunResult(path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->batch, 2);
  EXPECT_EQ(ReadRunResult(path.string() + ".missing").status().reason(), Reason::kNotFound);
  std::filesystem::remove_all(tmpl);
}

}  // namespace
}  // namespace campaign
