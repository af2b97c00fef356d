#include "orchestrator/baseline/trtexec_log.h"

#include <gtest/gtest.h>

#include "common/file_util.h"

namespace campaign {
namespace {

std::string Read(const std::string& name) {
  auto t = ReadFile(std::string(BASELINE_TESTDATA) + "/" + name);
  EXPECT_TRUE(t.ok()) << name;
  return t.ok() ? *t : "";
}

TEST(TrtexecLogTest, ParsesTensorRt8Summary) {
  auto runs = ParseTrtexecLog(Read("trtexec_resnet50_fp16_b8.log"), "r.log");
  ASSERT_TRUE(runs.ok()) << runs.status().message();
  ASSERT_EQ(runs->size(), 1u);
  const TrtexecRun& r = (*runs)[0];
  EXPECT_EQ(r.model, "resnet50");
  EXPECT_EQ(r.batch, 8);
  EXPECT_EQ(r.precision, "fp16");
  EXPECT_DOUBLE_EQ(*r.qps, 853.978);
  EXPECT_DOUBLE_EQ(*r.latency.min, 1.55981);
  EXPECT_DOUBLE_EQ(*r.latency.max, 1.79761);
  EXPECT_DOUBLE_EQ(*r.latency.mean, 1.58077);
  EXPECT_DOUBLE_EQ(*r.latency.median, 1.57812);
  EXPECT_DOUBLE_EQ(*r.latency.percentile, 1.63818);
  EXPECT_DOUBLE_EQ(r.latency.percentile_level, 99);
  EXPECT_DOUBLE_EQ(*r.gpu_compute.median, 1.12695);
  EXPECT_DOUBLE_EQ(*r.gpu_compute.percentile, 1.17383);
  EXPECT_EQ(r.data_transfers, true);
  EXPECT_EQ(r.cuda_graph, false);
  EXPECT_EQ(r.device, "NVIDIA H100 80GB HBM3");
  EXPECT_EQ(r.tensorrt_version, "8.6.1");
  EXPECT_EQ(r.clocks, "application compute clock 1.98 GHz");
}

TEST(TrtexecLogTest, BaselineEntryUsesHostLatencyAndQpsTimesBatch) {
  auto b = TrtexecLogParser().Parse(Read("trtexec_resnet50_fp16_b8.log"), "r.log");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->entries.size(), 1u);
  const BaselineEntry& e = b->entries[0];
  EXPECT_EQ(e.model, "resnet50");
  EXPECT_DOUBLE_EQ(*e.latency_ms, 1.57812);
  EXPECT_DOUBLE_EQ(*e.compute_ms, 1.12695);
  EXPECT_NEAR(*e.throughput, 853.978 * 8, 1e-9);
  EXPECT_EQ(e.conditions.transfers_included, true);
  EXPECT_EQ(e.conditions.cuda_graph, false);
  EXPECT_EQ(e.conditions.software, "TensorRT 8.6.1");
}

TEST(TrtexecLogTest, SeveralRunsNoDataTransfersAndCudaGraph) {
  auto runs = ParseTrtexecLog(Read("trtexec_two_runs_nodata_graph.log"), "m.log");
  ASSERT_TRUE(runs.ok()) << runs.status().message();
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].model, "mobilenet_v2_b1");  // from --loadEngine
  EXPECT_EQ((*runs)[0].batch, 1);                  // from "Input inference shape"
  EXPECT_EQ((*runs)[0].precision, "");
  EXPECT_EQ((*runs)[0].data_transfers, false);
  EXPECT_EQ((*runs)[0].cuda_graph, true);
  EXPECT_EQ((*runs)[1].model, "mobilenet_v2");
  EXPECT_EQ((*runs)[1].batch, 32);
  EXPECT_EQ((*runs)[1].precision, "int8");
  EXPECT_EQ((*runs)[1].tensorrt_version, "8601");

  TrtexecOverrides o;
  o.model = "mobilenet_v2";
  auto b = TrtexecLogParser(o).Parse(Read("trtexec_two_runs_nodata_graph.log"), "m.log");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->entries.size(), 2u);
  EXPECT_EQ(b->entries[0].model, "mobilenet_v2");
  EXPECT_EQ(b->entries[0].precision, "fp32");
  EXPECT_EQ(b->entries[0].conditions.transfers_included, false);
  EXPECT_NEAR(*b->entries[1].throughput, 512.25 * 32, 1e-9);
  EXPECT_DOUBLE_EQ(*b->entries[1].latency_ms, 2.83398);
}

TEST(TrtexecLogTest, ParsesTensorRt7Sections) {
  auto runs = ParseTrtexecLog(Read("trtexec7_nasnet_fp16_b16.log"), "n.log");
  ASSERT_TRUE(runs.ok()) << runs.status().message();
  ASSERT_EQ(runs->size(), 1u);
  const TrtexecRun& r = (*runs)[0];
  EXPECT_EQ(r.model, "nasnetlarge_sim");
  EXPECT_EQ(r.batch, 16);
  EXPECT_EQ(r.precision, "fp16");
  EXPECT_DOUBLE_EQ(*r.qps, 6.60215);
  EXPECT_DOUBLE_EQ(*r.latency.median, 150.9874);
  EXPECT_DOUBLE_EQ(*r.latency.min, 150.1121);
  EXPECT_DOUBLE_EQ(*r.latency.percentile, 151.0037);
  EXPECT_DOUBLE_EQ(*r.gpu_compute.median, 145.0719);
  EXPECT_DOUBLE_EQ(*r.gpu_compute.mean, 144.8318);
  EXPECT_DOUBLE_EQ(*r.gpu_compute.percentile, 145.4489);
}

TEST(TrtexecLogTest, ErrorsSayWhatIsMissing) {
  auto none = ParseTrtexecLog("[I] Loading standard plugins\n", "x.log");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("x.log: no trtexec performance summary found"),
            std::string::npos);
  const std::string no_batch =
      "&&&& RUNNING TensorRT.trtexec [TensorRT v8601] # trtexec --onnx=a.onnx\n"
      "[I] Throughput: 10 qps\n[I] Latency: min = 1 ms, max = 2 ms, mean = 1.5 ms, median = 1.5 "
      "ms, percentile(99%) = 2 ms\n";
  auto b = TrtexecLogParser().Parse(no_batch, "x.log");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("batch size is unknown; give it with --baseline-batch"),
            std::string::npos);
  TrtexecOverrides o;
  o.batch = 4;
  auto fixed = TrtexecLogParser(o).Parse(no_batch, "x.log");
  ASSERT_TRUE(fixed.ok());
  EXPECT_DOUBLE_EQ(*fixed->entries[0].throughput, 40);
}

}  // namespace
}  // namespace campaign
