// Reports, pivots and comparisons of a campaign with command backends, and
// the campaign's own `baselines:`.
#include <gtest/gtest.h>

#include "common/file_util.h"
#include "orchestrator/baseline/trtexec_log.h"
#include "orchestrator/report/baseline_campaign.h"
#include "orchestrator/report/campaign_baselines.h"
#include "orchestrator/report/compare.h"
#include "orchestrator/report/pivot.h"
#include "orchestrator/report/report.h"
#include "orchestrator/report/report_html.h"
#include "orchestrator/report/test_jobs.h"

namespace campaign {
namespace {

using testing::FailedJob;
using testing::OkJob;

JobView On(JobView v, const std::string& backend) {
  v.job.spec.backend = backend;
  return v;
}

// resnet50 at b1/b8 fp32 on our engine and on "trt"; trt is twice as fast.
std::vector<JobView> TwoBackends() {
  return {OkJob(1, "resnet50", 1, Precision::kFp32, 2.0),
          On(OkJob(2, "resnet50", 1, Precision::kFp32, 1.0), "trt"),
          OkJob(3, "resnet50", 8, Precision::kFp32, 8.0),
          On(FailedJob(4, "resnet50", 8, Precision::kFp32, "parse_error"), "trt")};
}

TEST(BackendsReportTest, EveryFormatShowsTheBackend) {
  const auto c = testing::MakeCampaign();
  const auto jobs = TwoBackends();
  const std::string csv = RenderReport(c, jobs, ReportFormat::kCsv);
  EXPECT_NE(csv.find(",resnet50,1,fp32,trt,succeeded,1,1.000,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",resnet50,8,fp32,trt,failed,1,-1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",resnet50,1,fp32,opencl,succeeded,1,2.000,"), std::string::npos) << csv;
  EXPECT_NE(RenderReport(c, jobs, ReportFormat::kMarkdown).find("| trt | failed |"),
            std::string::npos);
  EXPECT_NE(RenderReport(c, jobs, ReportFormat::kJson).find("\"backend\": \"trt\""),
            std::string::npos);
  const std::string html = RenderReport(c, jobs, ReportFormat::kHtml);
  EXPECT_NE(html.find("fp32 trt"), std::string::npos);  // chart series per backend
  EXPECT_NE(html.find("<td class=\"text\">trt</td>"), std::string::npos);
  EXPECT_EQ(html.find("Per-layer top"), std::string::npos);  // no profiles: no section
}

TEST(BackendsReportTest, PivotHasARowPerModelAndBackend) {
  const PivotTable t = BuildPivot(TwoBackends(), PivotMetric::kMedianMs);
  EXPECT_EQ(RenderPivotCsv(t),
            "model,backend,b1_fp32,b8_fp32\n"
            "resnet50,opencl,2.000,8.000\n"
            "resnet50,trt,1.000,-1\n");
  // Our engine alone keeps the seeds' layout.
  const PivotTable ours =
      BuildPivot({OkJob(1, "m", 1, Precision::kFp32, 2.0)}, PivotMetric::kMedianMs);
  EXPECT_EQ(RenderPivotCsv(ours), "model,b1_fp32\nm,2.000\n");
}

TEST(BackendsReportTest, BackendOfTheSameCampaignAsABaseline) {
  const auto c = testing::MakeCampaign();
  auto base = BaselineFromBackend(c, TwoBackends(), "trt");
  ASSERT_TRUE(base.ok()) << base.status().message();
  EXPECT_FALSE(base->is_campaign);
  const Comparison cmp = Compare(c, TwoBackends(), *base, {});
  ASSERT_EQ(cmp.rows.size(), 2u);  // our two opencl jobs, matched to trt's
  EXPECT_DOUBLE_EQ(*cmp.rows[0].throughput_ratio, 0.5);
  EXPECT_EQ(cmp.rows[0].verdict, "below baseline");
  EXPECT_EQ(cmp.rows[1].verdict, "not comparable");  // trt failed at b8
  EXPECT_NE(BaselineFromBackend(c, TwoBackends(), "onnxruntime")
                .status()
                .message()
                .find("its backends: opencl, trt"),
            std::string::npos);
  // The other way round: --backend trt against our engine.
  CompareOptions o;
  o.backend = "trt";
  auto ours = BaselineFromBackend(c, TwoBackends(), "opencl");
  const Comparison rev = Compare(c, TwoBackends(), *ours, o);
  ASSERT_EQ(rev.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(*rev.rows[0].throughput_ratio, 2.0);
  EXPECT_EQ(rev.rows[0].verdict, "meets baseline");
  EXPECT_EQ(rev.rows[1].verdict, "below baseline");  // our trt job failed
}

TEST(BackendsReportTest, CampaignBaselinePairsLikeBackends) {
  auto prev = testing::MakeCampaign(1);
  auto now = testing::MakeCampaign(2);
  const Baseline base = BaselineFromJobs(prev, TwoBackends());
  std::vector<JobView> jobs = TwoBackends();
  jobs[0] = OkJob(1, "resnet50", 1, Precision::kFp32, 3.0);  // opencl b1 got 50 % slower
  const Comparison cmp = Compare(now, jobs, base, {});
  ASSERT_EQ(cmp.rows.size(), 2u);
  EXPECT_EQ(cmp.rows[0].change_text, "regression");
  EXPECT_DOUBLE_EQ(*cmp.rows[0].base->latency_ms, 2.0);  // not trt's 1.0
  EXPECT_EQ(cmp.regressions, 1);
}

TEST(BackendsReportTest, StoredBaselineSpecsRoundTripAndApplyTheirSettings) {
  BaselineSpec s;
  s.source = "vendor.log";
  s.path = std::string(BASELINE_TESTDATA) + "/trtexec10_mobilenet_v2_fp32_b4.log";
  auto text = ReadFile(s.path);
  ASSERT_TRUE(text.ok());
  s.text = *text;
  s.name = "TensorRT 10 page";
  s.target_ratio = 0.25;
  s.transfers_included = false;
  s.model = "mobilenet_v2";
  BaselineSpec c;
  c.source = "campaign:previous";
  auto back = BaselineSpecsFromJson(BaselineSpecsToJson({s, c}));
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].text, s.text);
  EXPECT_EQ((*back)[0].target_ratio, 0.25);
  EXPECT_EQ((*back)[0].transfers_included, false);
  EXPECT_FALSE((*back)[0].cuda_graph.has_value());
  EXPECT_EQ((*back)[1].source, "campaign:previous");
  EXPECT_TRUE(BaselineSpecsFromJson("").value().empty());
  EXPECT_FALSE(BaselineSpecsFromJson("{oops").ok());

  auto b = BaselineFromSpec((*back)[0]);
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->label, "TensorRT 10 page");
  EXPECT_EQ(b->target_ratio, 0.25);
  ASSERT_EQ(b->entries.size(), 1u);
  const BaselineEntry& e = b->entries[0];
  EXPECT_EQ(e.model, "mobilenet_v2");
  EXPECT_EQ(e.batch, 4);
  EXPECT_EQ(e.precision, "fp32");
  EXPECT_DOUBLE_EQ(*e.latency_ms, 0.388916);
  EXPECT_DOUBLE_EQ(*e.compute_ms, 0.171631);
  EXPECT_NEAR(*e.throughput, 5134.98 * 4, 1e-6);
  EXPECT_EQ(e.conditions.transfers_included,
            false);  // the spec overrides "Data transfers: Enabled"
  EXPECT_EQ(e.conditions.software, "TensorRT 10.3.0");
  EXPECT_EQ(e.device, "NVIDIA H100 80GB HBM3");
}

TEST(BackendsReportTest, TrtexecTensorRt10LogParsesEveryMetric) {
  auto text = ReadFile(std::string(BASELINE_TESTDATA) + "/trtexec10_mobilenet_v2_fp32_b4.log");
  ASSERT_TRUE(text.ok());
  auto runs = ParseTrtexecLog(*text, "t.log");
  ASSERT_TRUE(runs.ok()) << runs.status().message();
  ASSERT_EQ(runs->size(), 1u);
  const TrtexecRun& r = (*runs)[0];
  EXPECT_EQ(r.model, "mobilenet_v2");
  EXPECT_EQ(r.batch, 4);
  EXPECT_EQ(r.precision, "fp32");
  EXPECT_DOUBLE_EQ(*r.qps, 5134.98);
  EXPECT_DOUBLE_EQ(*r.latency.min, 0.381836);
  EXPECT_DOUBLE_EQ(*r.latency.max, 0.512695);
  EXPECT_DOUBLE_EQ(*r.latency.mean, 0.389466);
  EXPECT_DOUBLE_EQ(*r.latency.median, 0.388916);
  EXPECT_DOUBLE_EQ(*r.latency.percentile, 0.402344);
  EXPECT_DOUBLE_EQ(r.latency.percentile_level, 99);
  EXPECT_DOUBLE_EQ(*r.gpu_compute.min, 0.168945);
  EXPECT_DOUBLE_EQ(*r.gpu_compute.median, 0.171631);
  EXPECT_EQ(r.data_transfers, true);
  EXPECT_EQ(r.cuda_graph, false);
  EXPECT_EQ(r.device, "NVIDIA H100 80GB HBM3");
  EXPECT_EQ(r.tensorrt_version, "10.3.0");
}

TEST(BackendsReportTest, LayerTopNSectionAppearsOnlyWithProfiles) {
  HtmlExtras x;
  for (int i = 0; i < 12; ++i) {
    x.layer_profiles.push_back(
        {1, "resnet50 b1 fp32", "conv" + std::to_string(i), "Conv", 0.1 * (i + 1), (i + 1) / 78.0});
  }
  x.layer_top_n = 3;
  const std::string html = RenderHtmlReport(testing::MakeCampaign(), TwoBackends(), x);
  EXPECT_NE(html.find("Per-layer top 3"), std::string::npos);
  EXPECT_NE(html.find(">conv11<"), std::string::npos);  // the slowest first
  EXPECT_NE(html.find(">conv9<"), std::string::npos);
  EXPECT_EQ(html.find(">conv8<"), std::string::npos);  // fourth: not in the top 3
}

}  // namespace
}  // namespace campaign
