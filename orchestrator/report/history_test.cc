#include "orchestrator/report/history.h"

#include <gtest/gtest.h>

#include "orchestrator/report/test_jobs.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {
namespace {

void Write(JobStore& store, const std::string& name, double b1_ms, bool b8_fails) {
  std::vector<JobSpec> specs(2);
  specs[0].model = specs[1].model = "resnet50";
  specs[1].batch = 8;
  auto id = store.CreateCampaign({name, "", "", "", ""}, specs);
  ASSERT_TRUE(id.ok());
  auto jobs = store.ListJobs(*id);
  ASSERT_TRUE(jobs.ok());
  for (int i = 0; i < 2; ++i) {
    const int64_t job = (*jobs)[i].job.id;
    ASSERT_TRUE(store.StartAttempt(job, "/l").ok());
    JobOutcome o;
    if (i == 1 && b8_fails) {
      o.reason = Reason::kTimeout;
      o.message = "timed out";
    } else {
      o.succeeded = true;
      RunResult r;
      r.ok = true;
      r.latency.median_ms = i == 0 ? b1_ms : 20;
      r.latency.stddev_ms = 0.1;
      r.throughput = (i == 0 ? 1 : 8) * 1000.0 / r.latency.median_ms;
      o.result = r;
    }
    ASSERT_TRUE(store.FinishAttempt(job, o).ok());
  }
}

TEST(HistoryTest, TrendOfOneCaseOverCampaigns) {
  testing::TempDir dir;
  auto store = SqliteJobStore::Open(dir.path() / "c.db");
  ASSERT_TRUE(store.ok());
  Write(**store, "nightly", 10, false);
  Write(**store, "nightly", 11, true);
  Write(**store, "nightly", 9.9, false);
  HistoryFilter f;
  f.model = "resnet50";
  f.batch = 1;
  auto rows = CollectHistory(**store, f);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_FALSE((*rows)[0].change.has_value());
  EXPECT_NEAR(*(*rows)[1].change, 0.1, 1e-12);
  EXPECT_NEAR(*(*rows)[2].change, -0.1, 1e-12);
  const std::string csv = RenderHistoryCsv(*rows);
  EXPECT_NE(csv.find(",nightly,"), std::string::npos);
  EXPECT_NE(csv.find(",resnet50,1,fp32,opencl,succeeded,11.000,0.100,90.91,+10.0%,"),
            std::string::npos)
      << csv;

  f.batch = 8;
  auto b8 = CollectHistory(**store, f);
  ASSERT_TRUE(b8.ok());
  ASSERT_EQ(b8->size(), 3u);
  const std::string md = RenderHistoryMarkdown(*b8);
  EXPECT_NE(md.find("| resnet50 | 8 | fp32 | opencl | failed | -1 | -1 | -1 |  | timeout |"),
            std::string::npos)
      << md;
  // The third point compares with the last trusted one (campaign 1), not the failure.
  EXPECT_NEAR(*(*b8)[2].change, 0.0, 1e-12);
}

TEST(HistoryTest, UnknownModelListsKnownOnes) {
  testing::TempDir dir;
  auto store = SqliteJobStore::Open(dir.path() / "c.db");
  ASSERT_TRUE(store.ok());
  Write(**store, "nightly", 10, false);
  HistoryFilter f;
  f.model = "resnet5";
  auto rows = CollectHistory(**store, f);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            "no job of model 'resnet5' in any campaign; models in the store: resnet50");
}

}  // namespace
}  // namespace campaign
