// Hardening of the trtexec log parser (issue 16): pasted summary excerpts in
// every TensorRT layout from 7 to 10 are baselines that say which section
// they used, and malformed numbers are errors naming line and field, never
// an exception.
#include <gtest/gtest.h>

#include "orchestrator/baseline/baseline_file.h"
#include "orchestrator/baseline/trtexec_log.h"

namespace campaign {
namespace {

TrtexecOverrides Fixed() {
  TrtexecOverrides o;
  o.model = "nasnetlarge_sim";
  o.batch = 16;
  return o;
}

Result<Baseline> ParseExcerpt(const std::string& text) {
  TrtexecLogParser p(Fixed());
  EXPECT_TRUE(p.Recognizes("excerpt.txt", text)) << text;
  return p.Parse(text, "excerpt.txt");
}

// Seed 001: TensorRT 7.2, only the "GPU Compute" block, "144.1865ms" without
// a space.
TEST(TrtexecExcerptTest, TensorRt7GpuComputeBlock) {
  auto b = ParseExcerpt(
      "[06/23/2021-16:00:32] [I] GPU Compute\n"
      "[06/23/2021-16:00:32] [I] min: 144.1865ms\n"
      "[06/23/2021-16:00:32] [I] max: 144.4489 ms\n"
      "[06/23/2021-16:00:32] [I] mean: 144.8318 ms\n"
      "[06/23/2021-16:00:32] [I] median: 145.0719 ms\n");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->entries.size(), 1u);
  EXPECT_DOUBLE_EQ(*b->entries[0].latency_ms, 145.0719);
  EXPECT_DOUBLE_EQ(*b->entries[0].compute_ms, 145.0719);
  EXPECT_EQ(b->entries[0].conditions.transfers_included, false);
  EXPECT_NE(b->entries[0].conditions.notes.find("latency from the GPU Compute"), std::string::npos)
      << b->entries[0].conditions.notes;
}

// Seed 001: TensorRT 7.2, bare statistics without any header.
TEST(TrtexecExcerptTest, TensorRt7HeaderlessLines) {
  auto b = ParseExcerpt(
      "[06/23/2021-14:18:36] [I] min: 12.3789 ms\n"
      "[06/23/2021-14:18:36] [I] max: 17.5124 ms\n"
      "[06/23/2021-14:18:36] [I] mean: 12.8522 ms\n"
      "[06/23/2021-14:18:36] [I] median: 12.7339 ms\n\n");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_DOUBLE_EQ(*b->entries[0].latency_ms, 12.7339);
  EXPECT_NE(b->entries[0].conditions.notes.find("without a section header"), std::string::npos);
}

// TensorRT 7.1/7.2: "Host Latency" block with "(end to end ...)", no run header.
TEST(TrtexecExcerptTest, TensorRt7HostLatencyBlock) {
  auto b = ParseExcerpt(
      "[I] Host Latency\n[I] min: 150.1121 ms (end to end 150.2281 ms)\n"
      "[I] median: 150.9874 ms (end to end 151.0911 ms)\n"
      "[I] percentile: 151.0037 ms at 99% (end to end 151.1433 ms at 99%)\n"
      "[I] throughput: 6.60215 qps\n[I] GPU Compute\n[I] median: 145.0719 ms\n");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_DOUBLE_EQ(*b->entries[0].latency_ms, 150.9874);
  EXPECT_DOUBLE_EQ(*b->entries[0].compute_ms, 145.0719);
  EXPECT_NEAR(*b->entries[0].throughput, 6.60215 * 16, 1e-9);
  EXPECT_NE(b->entries[0].conditions.notes.find("latency from the Latency (host"),
            std::string::npos);
}

// An "Enqueue Time" block first must not be taken for the headerless latency.
TEST(TrtexecExcerptTest, EnqueueBlockIsNotALatency) {
  auto b = ParseExcerpt(
      "[I] Enqueue Time\n[I] min: 0.2 ms\n[I] median: 0.3 ms\n"
      "[I] GPU Compute\n[I] min: 4 ms\n[I] median: 5 ms\n");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_DOUBLE_EQ(*b->entries[0].latency_ms, 5);
}

// TensorRT 7.0: one "Average on N runs" line.
TEST(TrtexecExcerptTest, TensorRt70AverageLine) {
  auto b = ParseExcerpt(
      "[01/10/2020-10:00:00] [I] Average on 10 runs - GPU latency: 2.5 ms - Host latency: "
      "2.9 ms (end to end 3.1 ms, enqueue 0.4 ms)\n");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_DOUBLE_EQ(*b->entries[0].latency_ms, 2.9);
  EXPECT_DOUBLE_EQ(*b->entries[0].compute_ms, 2.5);
}

// TensorRT 8.x and 10.x: the performance summary lines without the run header.
TEST(TrtexecExcerptTest, TensorRt8And10SummaryBlocks) {
  for (const char* prefix : {"[03/02/2022-11:12:13] [I] ", "[11/21/2026-10:02:43] [I] "}) {
    const std::string p = prefix;
    auto b = ParseExcerpt(
        p + "=== Performance summary ===\n" + p + "Throughput: 6.5 qps\n" + p +
        "Latency: min = 150.1 ms, max = 151 ms, mean = 150.5 ms, median = 150.4 ms, "
        "percentile(90%) = 150.9 ms, percentile(99%) = 151 ms\n" +
        p + "GPU Compute Time: min = 144 ms, max = 145 ms, mean = 144.5 ms, median = 144.4 ms\n");
    ASSERT_TRUE(b.ok()) << b.status().message();
    EXPECT_DOUBLE_EQ(*b->entries[0].latency_ms, 150.4);
    EXPECT_DOUBLE_EQ(*b->entries[0].compute_ms, 144.4);
  }
  // Without the "=== Performance summary ===" line too.
  auto b = ParseExcerpt("[I] Latency: min = 1 ms, max = 2 ms, mean = 1.5 ms, median = 1.4 ms\n");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_DOUBLE_EQ(*b->entries[0].latency_ms, 1.4);
}

TEST(TrtexecExcerptTest, MalformedNumbersAreErrorsNamingLineAndField) {
  const std::string head = "&&&& RUNNING TensorRT.trtexec # trtexec --onnx=a.onnx --batch=2\n";
  struct Case {
    std::string line, want;
  };
  for (const Case& c : std::vector<Case>{
           {"[I] Latency: min = - ms, max = 2 ms, median = 1 ms", "x.log:2: latency min: '-'"},
           {"[I] Latency: min = 1 ms, median = 1e999 ms",
            "x.log:2: latency median: '1e999' is "
            "not a finite number"},
           {"[I] Latency: median = 1 ms, percentile(..%) = 2 ms",
            "x.log:2: latency percentile level: '..' is not a number"},
           {"[I] Throughput: nan qps", "x.log:2: throughput: 'nan' is not a finite number"},
           {"[I] GPU Compute Time: median = 1.2.3 ms", "x.log:2: GPU compute median"},
           {"[I] Host Latency\n[I] min: - ms", "x.log:3: Host Latency min"},
           {"[I] median: 1e999ms", "x.log:2: latency median"},
       }) {
    auto runs = ParseTrtexecLog(head + c.line + "\n", "x.log");
    ASSERT_FALSE(runs.ok()) << c.line;
    EXPECT_NE(runs.status().message().find(c.want), std::string::npos) << runs.status().message();
  }
  auto huge = ParseTrtexecLog(
      "&&&& RUNNING TensorRT.trtexec # trtexec --onnx=a.onnx --batch=99999999999999999999\n",
      "x.log");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("x.log:1: --batch"), std::string::npos);
}

TEST(TrtexecExcerptTest, BaselineFileWithOutOfRangeNumberIsAnErrorNotAnAbort) {
  BaselineSpec spec;
  spec.path = "b.log";
  spec.text =
      "&&&& RUNNING TensorRT.trtexec # trtexec --onnx=a.onnx --batch=2\n"
      "[I] Latency: min = 1 ms, max = 1e999 ms, mean = 1 ms, median = 1 ms\n";
  auto b = BaselineFromSpec(spec);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("b.log:2: latency max: '1e999' is not a finite number"),
            std::string::npos)
      << b.status().message();
}

}  // namespace
}  // namespace campaign
