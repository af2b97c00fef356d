// The morning summary (morning.h) of a hold-out-style campaign written
// through the real SqliteJobStore (morning_fixture.h): classification, failure
// groups, regressions worst first, log links, and the Markdown/JSON forms.
#include "orchestrator/report/morning.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "orchestrator/report/morning_fixture.h"
#include "orchestrator/report/morning_inputs.h"
#include "orchestrator/report/report.h"

namespace campaign {
namespace {

constexpr auto kFp32 = Precision::kFp32;
constexpr auto kFp16 = Precision::kFp16;

class MorningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::WriteHoldOutStore(h_, 0));
    in_ = LoadMorningInputs(*h_.store, h_.campaign, h_.jobs, h_.dir.path().string());
    m_ = BuildMorningReport(h_.jobs, in_);
  }
  const MatrixCell& Cell(const std::string& model, int batch, Precision p,
                         const std::string& backend = "opencl") {
    for (const auto& c : m_.cells) {
      if (c.model == model && c.batch == batch && c.precision == p && c.backend == backend) {
        return c;
      }
    }
    ADD_FAILURE() << "no cell " << model;
    return m_.cells.front();
  }
  testing::HoldOutStore h_;
  MorningInputs in_;
  MorningReport m_;
};

TEST_F(MorningTest, ComparesWithLastNightOfTheSameNameAndTheYamlBaseline) {
  EXPECT_TRUE(in_.warnings.empty()) << in_.warnings.front();
  ASSERT_EQ(in_.previous.size(), 2u);  // opencl and trt
  EXPECT_NE(in_.previous_label.find("campaign " + std::to_string(h_.previous) + " (nightly"),
            std::string::npos)
      << in_.previous_label;
  ASSERT_EQ(in_.baselines.size(), 1u);
  EXPECT_FALSE(in_.baselines[0].comparison.baseline_is_campaign);
}

TEST_F(MorningTest, ClassifiesEveryCell) {
  ASSERT_EQ(m_.cells.size(), 22u);
  EXPECT_EQ(Cell("resnet50", 1, kFp32).outcome, CellOutcome::kRegressed);
  EXPECT_NEAR(*Cell("resnet50", 1, kFp32).relative, 0.1, 1e-9);
  EXPECT_EQ(Cell("resnet50", 8, kFp16).outcome, CellOutcome::kUnstable);
  EXPECT_EQ(Cell("mobilenet_v2", 1, kFp16).outcome, CellOutcome::kThrottled);
  EXPECT_EQ(Cell("resnet50", 8, kFp32).outcome, CellOutcome::kBelowBaseline);
  EXPECT_NEAR(*Cell("resnet50", 8, kFp32).ratio, 0.5, 1e-6);
  EXPECT_EQ(Cell("mobilenet_v2", 8, kFp32).outcome, CellOutcome::kOk);
  EXPECT_NEAR(*Cell("mobilenet_v2", 8, kFp32).ratio, (8000.0 / 12) / 571.4, 1e-6);
  EXPECT_EQ(Cell("vit_b_16", 8, kFp16).outcome, CellOutcome::kFailed);
  EXPECT_EQ(Cell("vit_b_16", 8, kFp16).reason, "unsupported_op");
  EXPECT_EQ(Cell("efficientnet_b0", 8, kFp32).attempts, 2);
  EXPECT_EQ(Cell("efficientnet_b0", 1, kFp32).change, "within noise");
  EXPECT_EQ(Cell("squeezenet1_1", 8, kFp32).change, "improvement");
  EXPECT_EQ(Cell("resnet50", 8, kFp32, "trt").outcome, CellOutcome::kOk);

  EXPECT_EQ(m_.by_outcome.at(CellOutcome::kFailed), 4);
  EXPECT_EQ(m_.by_outcome.at(CellOutcome::kRegressed), 1);
  EXPECT_EQ(m_.by_outcome.at(CellOutcome::kBelowBaseline), 1);
  EXPECT_EQ(m_.by_outcome.at(CellOutcome::kThrottled), 1);
  EXPECT_EQ(m_.by_outcome.at(CellOutcome::kUnstable), 1);
  EXPECT_EQ(m_.by_outcome.at(CellOutcome::kOk), 14);
  EXPECT_EQ(m_.by_status, (std::map<std::string, int>{{"failed", 4}, {"succeeded", 18}}));
  EXPECT_EQ(m_.by_reason,
            (std::map<std::string, int>{{"accuracy", 1}, {"timeout", 1}, {"unsupported_op", 2}}));
  EXPECT_EQ(m_.improvements, 1);
  EXPECT_EQ(m_.within_noise, 1);
}

TEST_F(MorningTest, MatrixIsModelsByBatchPrecisionBackend) {
  ASSERT_EQ(m_.matrix.models.size(), 5u);
  EXPECT_EQ(m_.matrix.models[0], "resnet50");
  std::vector<std::string> cols;
  for (const auto& c : m_.matrix.columns) cols.push_back(c.Name());
  EXPECT_EQ(cols, (std::vector<std::string>{"b1 fp32", "b1 fp32 trt", "b1 fp16", "b8 fp32",
                                            "b8 fp32 trt", "b8 fp16"}));
  // mobilenet_v2 has no trt job.
  EXPECT_FALSE(m_.matrix.cells[1][1].has_value());
  ASSERT_TRUE(m_.matrix.cells[0][1].has_value());
  EXPECT_EQ(m_.cells[*m_.matrix.cells[0][1]].backend, "trt");
}

TEST_F(MorningTest, FailuresAreGroupedByReasonWithRelativeLogLinks) {
  ASSERT_EQ(m_.failures.size(), 3u);
  EXPECT_EQ(m_.failures[0].reason, "unsupported_op");
  EXPECT_EQ(m_.failures[0].Headline(), "unsupported_op \u2014 2 jobs, 1 model");
  const MatrixCell& vit = m_.cells[m_.failures[0].jobs[0]];
  EXPECT_NE(vit.message.find("Pad mode 'reflect'"), std::string::npos);
  EXPECT_EQ(vit.log,
            "logs/c" + std::to_string(h_.tonight) + "/" + std::to_string(vit.job) + ".log");
  EXPECT_TRUE(std::filesystem::exists(h_.dir.path() / vit.log));
}

TEST_F(MorningTest, RegressionsWorstFirst) {
  // Four new failures (they ran last night), then the +10 % regression.
  ASSERT_EQ(m_.regressions.size(), 5u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(m_.regressions[i].verdict, "new failure");
  const RegressionItem& r = m_.regressions[4];
  EXPECT_EQ(r.verdict, "regression");
  EXPECT_EQ(m_.cells[r.cell].Label(), "resnet50 b1 fp32");
  EXPECT_NEAR(*r.relative, 0.1, 1e-9);
  EXPECT_NEAR(*r.base_ms, 10.0, 1e-9);
  ASSERT_EQ(m_.below_baseline.size(), 1u);
  EXPECT_EQ(m_.cells[m_.below_baseline[0].cell].Label(), "resnet50 b8 fp32");
  EXPECT_NEAR(*m_.below_baseline[0].ratio, 0.5, 1e-6);
  EXPECT_DOUBLE_EQ(m_.below_baseline[0].target_ratio, 0.8);
}

TEST_F(MorningTest, MarkdownAndJsonCarryTheSameSummary) {
  const std::string md = RenderReport(h_.campaign, h_.jobs, ReportFormat::kMarkdown, &m_);
  EXPECT_NE(md.find("## Summary\n\n22 jobs: 4 -1 (failed), 1 regressed, 1 below baseline, "
                    "1 throttled / disturbed, 1 unstable, 14 ok."),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Failures by reason: accuracy 1, timeout 1, unsupported_op 2."),
            std::string::npos);
  EXPECT_NE(md.find("### unsupported_op \u2014 2 jobs, 1 model"), std::string::npos);
  EXPECT_NE(md.find("| resnet50 b1 fp32 | campaign " + std::to_string(h_.previous)),
            std::string::npos);
  EXPECT_NE(md.find("| regression | 10.000 | 11.000 | +10.0% |"), std::string::npos) << md;
  EXPECT_NE(md.find("| resnet50 b8 fp32 | vendor page"), std::string::npos) << md;
  EXPECT_LT(md.find("## Summary"), md.find("## Failures"));
  EXPECT_LT(md.find("## Regressions"), md.find("## Jobs"));

  auto j = nlohmann::json::parse(RenderReport(h_.campaign, h_.jobs, ReportFormat::kJson, &m_));
  EXPECT_EQ(j["summary"]["by_outcome"]["regressed"], 1);
  EXPECT_EQ(j["summary"]["by_reason"]["unsupported_op"], 2);
  EXPECT_EQ(j["summary"]["matrix"].size(), 22u);
  ASSERT_EQ(j["failures"].size(), 3u);
  EXPECT_EQ(j["failures"][0]["jobs"][0]["attempts"], 1);
  ASSERT_EQ(j["regressions"].size(), 5u);
  EXPECT_EQ(j["regressions"][4]["verdict"], "regression");
  EXPECT_NEAR(j["regressions"][4]["relative"].get<double>(), 0.1, 1e-9);
  EXPECT_EQ(j["below_baseline"][0]["model"], "resnet50");
  EXPECT_EQ(j["jobs"].size(), 22u);
}

TEST(MorningLinkTest, LogHrefIsRelativeToTheReport) {
  EXPECT_EQ(LogHref("/r/logs/c1/3.log", "/r"), "logs/c1/3.log");
  EXPECT_EQ(LogHref("/r/logs/c1/3.log", "/r/reports"), "../logs/c1/3.log");
  EXPECT_EQ(LogHref("/r/logs/a b#1.log", "/r"), "logs/a%20b%231.log");
  EXPECT_EQ(LogHref("/r/logs/3.log", ""), "/r/logs/3.log");
}

TEST(MorningLinkTest, WithoutInputsNothingIsComparedAndLogsStayAsStored) {
  const auto m = BuildMorningReport(
      {testing::OkJob(1, "m", 1, kFp32, 1.0), testing::FailedJob(2, "m", 8, kFp32, "crash")}, {});
  EXPECT_TRUE(m.previous_label.empty());
  EXPECT_TRUE(m.regressions.empty());
  EXPECT_EQ(m.cells[1].log, "/r/logs/2.log");
  EXPECT_EQ(m.by_outcome.at(CellOutcome::kOk), 1);
  EXPECT_EQ(m.by_outcome.at(CellOutcome::kFailed), 1);
}

}  // namespace
}  // namespace campaign
