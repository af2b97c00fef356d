#include "orchestrator/report/report.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(header.find("campaign,job,model,batch,precision,status"), 0u) << header;
  EXPECT_NE(csv.find("nightly,1,resnet50,8,fp32,succeeded,1,12.346,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",648.00,50,NVIDIA H100,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("nightly,2,vit,32,fp16,failed,0,-1,-1,-1,-1,-1,-1,"), std::string::npos)
      << csv;
  // The message has a comma and quotes: quoted, quotes doubled.
  EXPECT_NE(csv.find("crash,\"runner killed by signal 11 (SIGSEGV), see \"\"log\"\"\","
                     "/r/logs/2.log"),
            std::string::npos)
      << csv;
}

TEST(ReportTest, SucceededJobWithoutResultIsNotTrusted) {
  JobView v = Succeeded();
  v.result.reset();
  auto row = ReportRow(Campaign(), v);
  EXPECT_EQ(row[7], "-1");
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
  EXPECT_FALSE(ReportFormatFromName("xlsx").has_value());
}

}  // namespace
}  // namespace campaign
