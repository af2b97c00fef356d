// The regression rule, and `compare --baseline campaign:previous` on two
// synthetic campaigns written through the real SqliteJobStore.
#include "orchestrator/report/regression.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "orchestrator/report/baseline_campaign.h"
#include "orchestrator/report/baseline_source.h"
#include "orchestrator/report/compare.h"
#include "orchestrator/report/test_jobs.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {
namespace {

TEST(RegressionRuleTest, NeedsBothThresholdAndSpread) {
  RegressionRule rule;  // 5 %, k = 3
  // +10 %, spread sqrt(0.1^2 + 0.1^2) = 0.141: 1.0 > 0.424 -> regression.
  auto a = AssessChange(10, 0.1, 11, 0.1, rule);
  EXPECT_EQ(a.change, Change::kRegression);
  EXPECT_NEAR(a.relative, 0.1, 1e-12);
  EXPECT_NEAR(a.spread_ms, std::sqrt(0.02), 1e-12);
  // +10 % but spread 1.414: 1.0 < 4.24 -> noise.
  EXPECT_EQ(AssessChange(10, 1, 11, 1, rule).change, Change::kWithinNoise);
  // +3 % on a very stable case: below the threshold.
  EXPECT_EQ(AssessChange(10, 0.001, 10.3, 0.001, rule).change, Change::kUnchanged);
  EXPECT_EQ(AssessChange(20, 0.1, 16, 0.1, rule).change, Change::kImprovement);
  // Exactly at the threshold is not beyond it.
  EXPECT_EQ(AssessChange(10, 0, 10.5, 0, rule).change, Change::kUnchanged);
  rule.k = 0;
  EXPECT_EQ(AssessChange(10, 1, 11, 1, rule).change, Change::kRegression);
}

struct Case {
  std::string model;
  int batch;
  Precision precision;
  std::optional<double> median, stddev;  // nullopt = the job failed
};

// Creates a finished campaign with one job per case through the real store.
int64_t WriteCampaign(JobStore& store, const std::string& name, const std::vector<Case>& cases) {
  std::vector<JobSpec> specs;
  for (const auto& c : cases) {
    JobSpec s;
    s.model = c.model;
    s.model_path = "/models/" + c.model + ".onnx";
    s.batch = c.batch;
    s.precision = c.precision;
    specs.push_back(s);
  }
  auto id = store.CreateCampaign({name, name + ".yaml", "", "", ""}, specs);
  EXPECT_TRUE(id.ok()) << id.status().message();
  auto jobs = store.ListJobs(*id);
  EXPECT_TRUE(jobs.ok());
  for (size_t i = 0; i < cases.size(); ++i) {
    const int64_t job = (*jobs)[i].job.id;
    EXPECT_TRUE(store.StartAttempt(job, "/logs/" + std::to_string(job) + ".log").ok());
    JobOutcome o;
    if (cases[i].median) {
      o.succeeded = true;
      o.exit_code = 0;
      RunResult r;
      r.ok = true;
      r.batch = cases[i].batch;
      r.precision = std::string(PrecisionName(cases[i].precision));
      r.iterations = 50;
      r.latency.median_ms = r.latency.mean_ms = *cases[i].median;
      r.latency.stddev_ms = *cases[i].stddev;
      r.throughput = cases[i].batch * 1000.0 / *cases[i].median;
      r.device.name = "NVIDIA H100 80GB HBM3";
      o.result = r;
    } else {
      o.exit_code = 1;
      o.reason = Reason::kRuntimeError;
      o.message = "synthetic failure";
    }
    EXPECT_TRUE(store.FinishAttempt(job, o).ok());
  }
  EXPECT_TRUE(store.FinishCampaign(*id, "finished").ok());
  return *id;
}

constexpr auto kFp32 = Precision::kFp32;
constexpr auto kFp16 = Precision::kFp16;

TEST(RegressionCampaignTest, FlagsExactlyTheRealRegressions) {
  testing::TempDir dir;
  auto store = SqliteJobStore::Open(dir.path() / "campaign.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  // Last night.
  WriteCampaign(**store, "nightly",
                {{"resnet50", 1, kFp32, 10.0, 0.1},
                 {"resnet50", 8, kFp32, 10.0, 1.0},
                 {"mobilenet", 1, kFp32, 10.0, 0.01},
                 {"mobilenet", 8, kFp32, 20.0, 0.1},
                 {"vit", 1, kFp32, 5.0, 0.05},
                 {"vit", 8, kFp32, 5.0, 2.0},
                 {"resnet50", 1, kFp16, std::nullopt, std::nullopt}});
  // Another campaign in between; "previous" must skip it (different name).
  WriteCampaign(**store, "adhoc", {{"resnet50", 1, kFp32, 99.0, 0.1}});
  // Tonight.
  const int64_t tonight =
      WriteCampaign(**store, "nightly",
                    {{"resnet50", 1, kFp32, 11.0, 0.1},              // +10 %, tight: REGRESSION
                     {"resnet50", 8, kFp32, 11.0, 1.0},              // +10 %, noisy: within noise
                     {"mobilenet", 1, kFp32, 10.3, 0.01},            // +3 %: unchanged
                     {"mobilenet", 8, kFp32, 16.0, 0.1},             // -20 %: improvement
                     {"vit", 1, kFp32, std::nullopt, std::nullopt},  // NEW FAILURE
                     {"vit", 8, kFp32, 7.0, 2.0},          // +40 %, very noisy: within noise
                     {"resnet50", 1, kFp16, 3.0, 0.01}});  // fixed

  auto current = (*store)->FindCampaign(std::to_string(tonight));
  ASSERT_TRUE(current.ok());
  auto previous = FindPreviousCampaign(**store, *current);
  ASSERT_TRUE(previous.ok());
  EXPECT_EQ(previous->id, 1);
  auto baseline = LoadBaseline("campaign:previous", **store, *current, {});
  ASSERT_TRUE(baseline.ok()) << baseline.status().message();
  EXPECT_TRUE(baseline->is_campaign);
  auto jobs = (*store)->ListJobs(tonight);
  ASSERT_TRUE(jobs.ok());
  const Comparison c = Compare(*current, *jobs, *baseline, {});

  std::set<std::string> flagged;
  std::map<std::string, std::string> change;
  for (const auto& r : c.rows) {
    const std::string key = r.model + "/b" + std::to_string(r.batch) + "/" + r.precision;
    change[key] = r.change_text;
    if (r.regression) flagged.insert(key);
  }
  EXPECT_EQ(flagged, (std::set<std::string>{"resnet50/b1/fp32", "vit/b1/fp32"}));
  EXPECT_EQ(c.regressions, 2);
  EXPECT_EQ(change["resnet50/b1/fp32"], "regression");
  EXPECT_EQ(change["resnet50/b8/fp32"], "within noise");
  EXPECT_EQ(change["mobilenet/b1/fp32"], "unchanged");
  EXPECT_EQ(change["mobilenet/b8/fp32"], "improvement");
  EXPECT_EQ(change["vit/b1/fp32"], "new failure");
  EXPECT_EQ(change["vit/b8/fp32"], "within noise");
  EXPECT_EQ(change["resnet50/b1/fp16"], "fixed");
  // Same device and conditions: the only warning is about the failed job.
  EXPECT_EQ(c.warnings, std::vector<std::string>{"our job failed"});

  const std::string csv = RenderComparisonCsv(c);
  EXPECT_NE(csv.find("resnet50,1,fp32,11.000,90.91,10.000,100.00,1.100,0.909,1.00,below baseline,"
                     "regression,10.0%,0.141,"),
            std::string::npos)
      << csv;
}

TEST(RegressionCampaignTest, PreviousOfTheFirstCampaignIsAnError) {
  testing::TempDir dir;
  auto store = SqliteJobStore::Open(dir.path() / "campaign.db");
  ASSERT_TRUE(store.ok());
  const int64_t id = WriteCampaign(**store, "nightly", {{"m", 1, kFp32, 1.0, 0.1}});
  auto current = (*store)->FindCampaign(std::to_string(id));
  ASSERT_TRUE(current.ok());
  auto b = LoadBaseline("campaign:previous", **store, *current, {});
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("is the first campaign in the store"), std::string::npos);
  auto self = LoadBaseline("campaign:nightly", **store, *current, {});
  ASSERT_FALSE(self.ok());
  EXPECT_NE(self.status().message().find("itself"), std::string::npos);
}

}  // namespace
}  // namespace campaign
