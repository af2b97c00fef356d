// Trends (trends.h) over a store of 30 nightly campaigns written through the
// real SqliteJobStore: the points, the marks and the HTML small multiples,
// rendered well within the time a browser user waits.
#include "orchestrator/report/trends.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "orchestrator/report/report_html.h"
#include "orchestrator/report/test_jobs.h"
#include "orchestrator/report/test_store.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {
namespace {

constexpr int kNights = 30;

int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

class TrendsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteJobStore::Open(dir_.path() / "campaign.db");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    for (int night = 0; night < kNights; ++night) {
      testing::StoredCampaignSpec c;
      c.driver = night < 15 ? "535.129.03" : "550.54.15";  // driver update on night 15
      for (int m = 0; m < 4; ++m) {
        for (int b : {1, 8}) {
          for (Precision p : {Precision::kFp32, Precision::kFp16}) {
            testing::StoredJob j;
            j.model = "model" + std::to_string(m);
            j.batch = b;
            j.precision = p;
            j.median = (m + 1) * b * (p == Precision::kFp16 ? 0.6 : 1.0) *
                       (1 + 0.01 * std::sin(night + m));  // +-1 %: never a regression
            if (m == 0 && b == 1 && p == Precision::kFp32 && night >= 20) *j.median *= 1.2;
            j.unstable = m == 1 && b == 8 && p == Precision::kFp16 && night == 10;
            if (m == 2 && b == 1 && p == Precision::kFp32 && night == 25) {
              j.median.reset();
              j.reason = Reason::kTimeout;
              j.message = "killed after 600 s";
            }
            c.jobs.push_back(j);
          }
        }
      }
      last_ = testing::WriteStoredCampaign(*store_, c, dir_.path() / "logs");
      if (night % 10 == 5) {  // other names in between are left out
        testing::WriteStoredCampaign(*store_, {"adhoc", {c.jobs[0]}, "cpu", "1", ""},
                                     dir_.path() / "logs");
      }
    }
    auto current = store_->FindCampaign(std::to_string(last_));
    ASSERT_TRUE(current.ok());
    current_ = *current;
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteJobStore> store_;
  int64_t last_ = 0;
  CampaignRecord current_;
};

TEST_F(TrendsTest, MarksRegressionsUnstableFailuresAndDriverChanges) {
  auto t = CollectTrends(*store_, current_, kNights);
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(t->campaigns.size(), static_cast<size_t>(kNights));
  for (const auto& c : t->campaigns) EXPECT_EQ(c.campaign.info.name, "nightly");
  EXPECT_EQ(t->campaigns.back().campaign.id, last_);
  for (int i = 0; i < kNights; ++i) {
    EXPECT_EQ(t->campaigns[i].environment_changed, i == 15) << i;
  }
  EXPECT_EQ(t->campaigns[15].previous_environment, "NVIDIA H100 80GB HBM3, driver 535.129.03");
  ASSERT_EQ(t->series.size(), 16u);
  int regressed = 0, unstable = 0, failed = 0;
  for (const auto& s : t->series) {
    ASSERT_EQ(s.points.size(), static_cast<size_t>(kNights)) << s.Label();
    for (size_t i = 0; i < s.points.size(); ++i) {
      const TrendPoint& p = s.points[i];
      if (p.regressed) {
        ++regressed;
        EXPECT_EQ(s.Label(), "model0 b1 fp32");
        EXPECT_EQ(i, 20u);
        EXPECT_NEAR(*p.change, 0.2, 0.03);
      }
      if (p.unstable) ++unstable;
      if (!p.median_ms) {
        ++failed;
        EXPECT_EQ(p.reason, "timeout");
      }
    }
  }
  EXPECT_EQ(regressed, 1);
  EXPECT_EQ(unstable, 1);
  EXPECT_EQ(failed, 1);

  auto five = CollectTrends(*store_, current_, 5);
  ASSERT_TRUE(five.ok());
  EXPECT_EQ(five->campaigns.size(), 5u);
  EXPECT_EQ(five->series[0].points.size(), 5u);
}

TEST_F(TrendsTest, RendersSmallMultiplesOf30CampaignsQuickly) {
  const auto start = std::chrono::steady_clock::now();
  auto jobs = store_->ListJobs(last_);
  ASSERT_TRUE(jobs.ok());
  auto t = CollectTrends(*store_, current_, kNights);
  ASSERT_TRUE(t.ok());
  HtmlExtras extras;
  extras.trends = *t;
  const std::string html = RenderHtmlReport(current_, *jobs, extras);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("trend view of %d campaigns x %zu cases: %.3f s\n", kNights, t->series.size(),
              seconds);
  EXPECT_LT(seconds, 10.0);  // functional: ~0.1 s on a loaded 2-core box

  const size_t trends = html.find("<section id=\"trends\">");
  ASSERT_NE(trends, std::string::npos);
  const std::string section = html.substr(trends, html.find("</section>", trends) - trends);
  EXPECT_EQ(Count(section, "<svg class=\"trend\""), 16);
  EXPECT_NE(section.find("<div class=\"grid\">"), std::string::npos);
  EXPECT_EQ(Count(section, "class=\"pt regressed\""), 1);
  EXPECT_EQ(Count(section, "class=\"pt unstable\""), 1);
  EXPECT_EQ(Count(section, "class=\"pt failed\""), 1);
  EXPECT_EQ(Count(section, "<circle class=\"pt\""), 16 * kNights - 3);
  EXPECT_EQ(Count(section, "<line class=\"env\""), 16);  // one per chart
  EXPECT_NE(section.find("535.129.03 \u2192 NVIDIA H100 80GB HBM3, driver 550.54.15"),
            std::string::npos);
  EXPECT_NE(section.find("Trends over the last 30 campaign(s)"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#trends\">Trends</a>"), std::string::npos);
}

}  // namespace
}  // namespace campaign
