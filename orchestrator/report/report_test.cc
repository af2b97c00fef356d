#include "orchestrator/report/report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace campaign {
namespace {

CampaignRecord Campaign() {
  CampaignRecord c;
  c.id = 7;
  c.info.name = "nightly";
  c.status = "finished";
  return c;
}

JobView Succeeded() {
  JobView v;
  v.job.id = 1;
  v.job.spec.model = "resnet50";
  v.job.spec.batch = 8;
  v.job.status = JobStatus::kSucceeded;
  v.job.attempt = 1;
  v.job.log_path = "/r/logs/1.log";
  RunResult r;
  r.ok = true;
  r.iterations = 50;
  r.latency.median_ms = 12.3456;
  r.latency.p99_ms = 13;
  r.throughput = 648.0;
  r.device.name = "NVIDIA H100";
  r.validation.checked = true;
  r.validation.cosine = 0.9999999;
  v.result = r;
  return v;
}

JobView Failed() {
  JobView v;
  v.job.id = 2;
  v.job.spec.model = "vit";
  v.job.spec.batch = 32;
  v.job.spec.precision = Precision::kFp16;
  v.job.status = JobStatus::kFailed;
  v.job.failure_reason = "crash";
  v.job.failure_message = "runner killed by signal 11 (SIGSEGV), see \"log\"";
  v.job.log_path = "/r/logs/2.log";
  return v;
}

TEST(ReportTest, CsvHasHeaderNumbersAndMinusOneForFailures) {
  const std::string csv = RenderReport(Campaign(), {Succeeded(), Failed()}, ReportFormat::kCsv);
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_EQ(header.find("campaign,job,model,batch,precision,backend,status"), 0u) << header;
  EXPECT_NE(csv.find("nightly,1,resnet50,8,fp32,opencl,succeeded,1,12.346,"), std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",no,648.00,0.000,0.000,0.000,50,NVIDIA H100,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("nightly,2,vit,32,fp16,opencl,failed,0,-1,-1,-1,-1,-1,-1,-1,,-1,-1,-1,-1,"),
            std::string::npos)
      << csv;
  // The message has a comma and quotes: quoted, quotes doubled.
  EXPECT_NE(csv.find("crash,\"runner killed by signal 11 (SIGSEGV), see \"\"log\"\"\","
                     "/r/logs/2.log"),
            std::string::npos)
      << csv;
}

TEST(ReportTest, CsvHasCoefficientOfVariation) {
  JobView v = Succeeded();
  v.result->latency.mean_ms = 10;
  v.result->latency.stddev_ms = 0.5;
  auto row = ReportRow(Campaign(), v);
  const auto& cols = ReportColumns();
  const size_t cov = std::find(cols.begin(), cols.end(), "cov") - cols.begin();
  const size_t sd = std::find(cols.begin(), cols.end(), "stddev_ms") - cols.begin();
  ASSERT_LT(cov, cols.size());
  EXPECT_EQ(row[cov], "0.0500");
  EXPECT_EQ(row[sd], "0.500");
}

// A result whose compute time was unstable, with a four-layer profile.
JobView UnstableWithProfile() {
  JobView v = Succeeded();
  v.result->compute = LatencyStats{2, 2, 1.5, 3, 2.5, 2.6, 2.9, 0.1, 0.05};
  v.result->h2d.median_ms = 0.25;
  v.result->d2h.median_ms = 0.125;
  v.result->measure.stability_metric = "compute";
  v.result->measure.unstable = true;
  v.result->profile = {{"conv1", "Conv", 0.5, 0.5, 0.25},
                       {"conv2", "Conv", 1.0, 1.0, 0.5},
                       {"relu", "Relu", 0.25, 0.25, 0.125},
                       {"fc", "Gemm", 0.25, 0.25, 0.125}};
  return v;
}

std::string Cell(const JobView& v, const std::string& column) {
  const auto& cols = ReportColumns();
  const size_t i = std::find(cols.begin(), cols.end(), column) - cols.begin();
  EXPECT_LT(i, cols.size()) << column;
  return i < cols.size() ? ReportRow(Campaign(), v)[i] : "";
}

// The comparison with the exporting framework's stored output is a column of
// every report, empty when the job had no stored output.
TEST(ReportTest, FrameworkCheckColumns) {
  JobView v = Succeeded();
  EXPECT_EQ(Cell(v, "framework_check"), "");
  EXPECT_EQ(Cell(v, "framework_norm_rel_error"), "");
  v.result->framework_check.checked = true;
  v.result->framework_check.norm_rel_error = 3e-6;
  v.result->framework_check.passed = true;
  EXPECT_EQ(Cell(v, "framework_check"), "passed");
  EXPECT_NE(Cell(v, "framework_norm_rel_error").find("3"), std::string::npos);
  v.result->framework_check.passed = false;
  EXPECT_EQ(Cell(v, "framework_check"), "FAILED");
  auto j = nlohmann::json::parse(RenderReport(Campaign(), {v}, ReportFormat::kJson))["jobs"];
  EXPECT_EQ(j[0]["framework_check"]["passed"], false);
  EXPECT_DOUBLE_EQ(j[0]["framework_check"]["norm_rel_error"].get<double>(), 3e-6);
}

TEST(ReportTest, CsvShowsUnstableBreakdownAndTopLayers) {
  JobView v = UnstableWithProfile();
  EXPECT_EQ(Cell(v, "unstable"), "yes");
  EXPECT_EQ(Cell(v, "cov"), "0.0500");  // the compute CoV, which the gate judged
  EXPECT_EQ(Cell(v, "compute_ms"), "2.000");
  EXPECT_EQ(Cell(v, "h2d_ms"), "0.250");
  EXPECT_EQ(Cell(v, "d2h_ms"), "0.125");
  // Top 3 by mean time; ties keep plan order.
  EXPECT_EQ(Cell(v, "top_layers"), "conv2 50.0%; conv1 25.0%; relu 12.5%");
  EXPECT_EQ(Cell(Succeeded(), "unstable"), "no");
  EXPECT_EQ(Cell(Failed(), "unstable"), "");
  auto top = TopLayers(v, 10);
  ASSERT_EQ(top.size(), 4u);
  EXPECT_EQ(top[3].name, "fc");
}

TEST(ReportTest, JsonHasUnstableBreakdownAndTopLayers) {
  auto j = nlohmann::json::parse(
      RenderReport(Campaign(), {UnstableWithProfile(), Failed()}, ReportFormat::kJson))["jobs"];
  EXPECT_EQ(j[0]["unstable"], true);
  EXPECT_EQ(j[0]["stability_metric"], "compute");
  EXPECT_DOUBLE_EQ(j[0]["compute"]["median_ms"].get<double>(), 2);
  EXPECT_DOUBLE_EQ(j[0]["h2d"]["median_ms"].get<double>(), 0.25);
  ASSERT_EQ(j[0]["top_layers"].size(), kReportTopLayers);
  EXPECT_EQ(j[0]["top_layers"][0]["name"], "conv2");
  EXPECT_DOUBLE_EQ(j[0]["top_layers"][0]["share"].get<double>(), 0.5);
  EXPECT_TRUE(j[1]["unstable"].is_null());
  EXPECT_DOUBLE_EQ(j[1]["compute"]["median_ms"].get<double>(), -1);
  const std::string md = RenderReport(Campaign(), {UnstableWithProfile()}, ReportFormat::kMarkdown);
  EXPECT_NE(md.find("| yes |"), std::string::npos) << md;
  EXPECT_NE(md.find("conv2 50.0%; conv1 25.0%; relu 12.5%"), std::string::npos) << md;
}

TEST(ReportTest, JsonHasTheSummaryAndAnArrayOfJobsWithNumbers) {
  const std::string text = RenderReport(Campaign(), {Succeeded(), Failed()}, ReportFormat::kJson);
  auto all = nlohmann::json::parse(text);
  ASSERT_TRUE(all.is_object());
  EXPECT_EQ(all["summary"]["jobs"], 2);
  EXPECT_EQ(all["summary"]["by_reason"]["crash"], 1);
  EXPECT_EQ(all["summary"]["by_outcome"]["failed"], 1);
  EXPECT_EQ(all["summary"]["by_outcome"]["ok"], 1);
  ASSERT_EQ(all["failures"].size(), 1u);
  EXPECT_EQ(all["failures"][0]["reason"], "crash");
  EXPECT_EQ(all["failures"][0]["jobs"][0]["log"], "/r/logs/2.log");
  EXPECT_TRUE(all["regressions"].empty());
  EXPECT_EQ(all["campaign"]["name"], Campaign().info.name);
  auto j = all["jobs"];
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["model"], "resnet50");
  EXPECT_EQ(j[0]["batch"], 8);
  EXPECT_EQ(j[0]["status"], "succeeded");
  EXPECT_EQ(j[0]["trusted"], true);
  EXPECT_DOUBLE_EQ(j[0]["latency"]["median_ms"].get<double>(), 12.3456);
  EXPECT_DOUBLE_EQ(j[0]["throughput"].get<double>(), 648.0);
  EXPECT_DOUBLE_EQ(j[0]["accuracy"]["cosine"].get<double>(), 0.9999999);
  EXPECT_EQ(j[0]["log"], "/r/logs/1.log");
  EXPECT_EQ(j[1]["status"], "failed");
  EXPECT_EQ(j[1]["trusted"], false);
  EXPECT_EQ(j[1]["reason"], "crash");
  EXPECT_DOUBLE_EQ(j[1]["latency"]["median_ms"].get<double>(), -1);
  EXPECT_DOUBLE_EQ(j[1]["throughput"].get<double>(), -1);
  EXPECT_TRUE(j[1]["accuracy"].is_null());
  EXPECT_EQ(j[1]["log"], "/r/logs/2.log");
}

TEST(ReportTest, SucceededJobWithoutResultIsNotTrusted) {
  JobView v = Succeeded();
  v.result.reset();
  auto row = ReportRow(Campaign(), v);
  EXPECT_EQ(row[8], "-1");
}

TEST(ReportTest, MarkdownEscapesPipes) {
  JobView v = Failed();
  v.job.failure_message = "a|b";
  const std::string md = RenderReport(Campaign(), {v}, ReportFormat::kMarkdown);
  EXPECT_NE(md.find("a\\|b"), std::string::npos) << md;
  EXPECT_NE(md.find("| campaign | job |"), std::string::npos) << md;
}

TEST(ReportTest, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("line\nbreak"), "\"line\nbreak\"");
}

TEST(ReportTest, FormatNames) {
  EXPECT_EQ(ReportFormatFromName("csv"), ReportFormat::kCsv);
  EXPECT_EQ(ReportFormatFromName("md"), ReportFormat::kMarkdown);
  EXPECT_EQ(ReportFormatFromName("json"), ReportFormat::kJson);
  EXPECT_EQ(ReportFormatFromName("html"), ReportFormat::kHtml);
  EXPECT_FALSE(ReportFormatFromName("xlsx").has_value());
}

// Issue 16 item 3: a store written before names were checked may hold
// invalid UTF-8; the JSON report replaces it instead of aborting.
TEST(ReportTest, JsonReportOfAnInvalidUtf8NameDoesNotThrow) {
  CampaignRecord c = Campaign();
  c.info.name = "caf\xff";
  std::string out;
  EXPECT_NO_THROW(out = RenderReport(c, {Succeeded()}, ReportFormat::kJson));
  EXPECT_NO_THROW(nlohmann::json::parse(out));
}

}  // namespace
}  // namespace campaign
