#include "orchestrator/report/compare.h"

#include <gtest/gtest.h>

#include "common/file_util.h"
#include "orchestrator/baseline/baseline_csv.h"
#include "orchestrator/baseline/trtexec_log.h"
#include "orchestrator/report/test_jobs.h"

namespace campaign {
namespace {

using testing::FailedJob;
using testing::OkJob;

Baseline Published() {
  auto text = ReadFile(std::string(BASELINE_TESTDATA) + "/published.csv");
  auto b = CsvBaselineParser().Parse(text.ok() ? *text : "", "published.csv");
  EXPECT_TRUE(b.ok()) << b.status().message();
  return b.ok() ? *b : Baseline{};
}

std::vector<JobView> Ours() {
  return {OkJob(1, "resnet50", 8, Precision::kFp16, 1.6),  // 5000 inf/s
          OkJob(2, "resnet50", 1, Precision::kFp32, 0.9),  // 1111 inf/s
          FailedJob(3, "vit", 8, Precision::kFp16),
          OkJob(4, "mobilenet_v2", 1, Precision::kFp32, 0.5)};
}

const ComparisonRow& Row(const Comparison& c, const std::string& model, int batch) {
  for (const auto& r : c.rows) {
    if (r.model == model && r.batch == batch) return r;
  }
  static ComparisonRow none;
  ADD_FAILURE() << "no row " << model << " b" << batch;
  return none;
}

TEST(CompareTest, RatiosAndVerdictsAgainstPublishedCsv) {
  const Comparison c = Compare(testing::MakeCampaign(), Ours(), Published(), {});
  ASSERT_EQ(c.rows.size(), 4u);
  const ComparisonRow& r8 = Row(c, "resnet50", 8);
  EXPECT_NEAR(*r8.throughput_ratio, 5000.0 / 7079, 1e-9);
  EXPECT_NEAR(*r8.latency_ratio, 1.6 / 1.13, 1e-9);
  EXPECT_EQ(r8.verdict, "below baseline");
  // Latency only: the verdict uses baseline/ours latency = 0.95/0.9 > 1.
  const ComparisonRow& r1 = Row(c, "resnet50", 1);
  EXPECT_FALSE(r1.throughput_ratio.has_value());
  EXPECT_NEAR(*r1.latency_ratio, 0.9 / 0.95, 1e-9);
  EXPECT_EQ(r1.verdict, "meets baseline");
  EXPECT_EQ(Row(c, "vit", 8).verdict, "below baseline");
  EXPECT_EQ(Row(c, "mobilenet_v2", 1).verdict, "not comparable");
  EXPECT_EQ(c.meets, 1);
  EXPECT_EQ(c.below, 2);
  EXPECT_EQ(c.regressions, 0);  // published numbers never count as regressions
}

TEST(CompareTest, TargetRatioOverride) {
  CompareOptions o;
  o.target_ratio = 0.7;
  const Comparison c = Compare(testing::MakeCampaign(), Ours(), Published(), o);
  EXPECT_EQ(Row(c, "resnet50", 8).verdict, "meets baseline");  // 0.706 >= 0.7
  EXPECT_DOUBLE_EQ(Row(c, "resnet50", 8).target_ratio, 0.7);
}

TEST(CompareTest, WarnsWhenNotLikeForLike) {
  const Comparison c = Compare(testing::MakeCampaign(), Ours(), Published(), {});
  const auto& w = Row(c, "resnet50", 8).warnings;
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], "baseline latency excludes host-device transfers, ours includes them");
  EXPECT_EQ(w[1], "baseline used CUDA graphs, we launch kernels one by one");
  BaselineEntry a100;
  a100.device = "NVIDIA A100-SXM4-40GB";
  a100.conditions.transfers_included = true;
  EXPECT_EQ(ConditionWarnings(a100, "NVIDIA H100 80GB HBM3"),
            std::vector<std::string>{
                "baseline device 'NVIDIA A100-SXM4-40GB' is not ours ('NVIDIA H100 80GB HBM3')"});
  // Both sides without transfers: like for like; ours only: the reverse warning.
  BaselineEntry no_copies;
  no_copies.conditions.transfers_included = false;
  EXPECT_TRUE(ConditionWarnings(no_copies, "", /*our_transfers=*/false).empty());
  a100.device.clear();
  EXPECT_EQ(ConditionWarnings(a100, "", /*our_transfers=*/false),
            std::vector<std::string>{"baseline latency includes host-device transfers, ours "
                                     "excludes them (measure: transfers: false)"});
  BaselineEntry unknown;
  EXPECT_EQ(
      ConditionWarnings(unknown, ""),
      std::vector<std::string>{"baseline does not say whether its latency includes transfers"});
  const std::string md = RenderComparisonMarkdown(c);
  EXPECT_NE(md.find("**Not like-for-like:**"), std::string::npos) << md;
  EXPECT_NE(md.find("1 meet the baseline, 2 below."), std::string::npos) << md;
}

TEST(CompareTest, CsvColumnsAgainstTrtexecLog) {
  auto text = ReadFile(std::string(BASELINE_TESTDATA) + "/trtexec_resnet50_fp16_b8.log");
  ASSERT_TRUE(text.ok());
  auto b = TrtexecLogParser().Parse(*text, "r.log");
  ASSERT_TRUE(b.ok());
  const Comparison c =
      Compare(testing::MakeCampaign(), {OkJob(1, "resnet50", 8, Precision::kFp16, 1.6)}, *b, {});
  ASSERT_EQ(c.rows.size(), 1u);
  // Transfers included and the same device: like-for-like.
  EXPECT_TRUE(c.warnings.empty()) << c.warnings[0];
  const std::string csv = RenderComparisonCsv(c);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "model,batch,precision,ours_median_ms,ours_throughput,baseline_latency_ms,"
            "baseline_throughput,latency_ratio,throughput_ratio,target_ratio,verdict,change,"
            "relative_change,spread_ms,baseline_device,baseline_source,warnings");
  // 5000 / 6831.824 = 0.732; 1.6 / 1.57812 = 1.014.
  EXPECT_NE(
      csv.find("resnet50,8,fp16,1.600,5000.00,1.578,6831.82,1.014,0.732,1.00,below baseline,"),
      std::string::npos)
      << csv;
}

}  // namespace
}  // namespace campaign
