#include "orchestrator/report/report_html.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>

#include "common/file_util.h"
#include "orchestrator/report/test_jobs.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;
using testing::FailedJob;
using testing::OkJob;

std::vector<JobView> Jobs() {
  std::vector<JobView> jobs;
  int64_t id = 1;
  for (const char* model : {"resnet50", "mobilenet_v2"}) {
    for (int batch : {1, 8, 32}) {
      for (Precision p : {Precision::kFp32, Precision::kFp16}) {
        const double ms = (p == Precision::kFp16 ? 0.6 : 1.0) * (1.5 + 0.9 * batch);
        jobs.push_back(OkJob(id++, model, batch, p, ms));
      }
    }
  }
  jobs.push_back(FailedJob(id++, "vit_b_16", 8, Precision::kFp16, "unsupported_op"));
  return jobs;
}

std::string Html() {
  HtmlExtras extras;
  extras.baseline_label = "trtexec H100";
  extras.target_ratio = 0.8;
  extras.ratios = {{"resnet50", 1, "fp16", 0.5}, {"resnet50", 8, "fp16", 0.9}};
  return RenderHtmlReport(testing::MakeCampaign(), Jobs(), extras);
}

int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

TEST(ReportHtmlTest, IsSelfContained) {
  const std::string html = Html();
  // The only URL is the SVG namespace, which is never fetched.
  std::string no_ns = std::regex_replace(html, std::regex("http://www.w3.org/2000/svg"), "");
  EXPECT_EQ(no_ns.find("http:"), std::string::npos);
  EXPECT_EQ(no_ns.find("https:"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
}

TEST(ReportHtmlTest, HasChartsPerModelRatioChartsAndTables) {
  const std::string html = Html();
  // Latency + throughput for 3 models (vit_b_16 has no successful job), plus
  // the ratio chart of resnet50.
  EXPECT_EQ(Count(html, "<svg "), 7) << html;
  EXPECT_NE(html.find("resnet50: median latency"), std::string::npos);
  EXPECT_NE(html.find("mobilenet_v2: throughput"), std::string::npos);
  EXPECT_NE(html.find("no successful jobs"), std::string::npos);
  EXPECT_NE(html.find("Ratio to baseline: trtexec H100"), std::string::npos);
  EXPECT_EQ(Count(html, "class=\"reference\""), 1);
  // 12 successful points on each of the latency and throughput charts + 2 ratios.
  EXPECT_EQ(Count(html, "<circle class=\"point\""), 26);
  EXPECT_NE(html.find("<td class=\"text\">vit_b_16</td><td>8</td><td class=\"text\">fp16</td>"
                      "<td class=\"text\">opencl</td><td class=\"text\">failed</td><td>1</td>"
                      "<td>-1</td>"),
            std::string::npos);
  EXPECT_EQ(Count(html, "<tr class=\"failed\">"), 1);
  EXPECT_NE(html.find("<table class=\"sortable\" id=\"jobs\">"), std::string::npos);
  EXPECT_NE(html.find("function sortTable"), std::string::npos);
}

TEST(ReportHtmlTest, EscapesNames) {
  auto jobs = Jobs();
  jobs[0].job.spec.model = "<script>x</script>";
  const std::string html = RenderHtmlReport(testing::MakeCampaign(), jobs, {});
  EXPECT_EQ(html.find("<script>x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x"), std::string::npos);
}

// --- Rendering in headless Chromium ------------------------------------------

std::string FindChromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return "";
}

// Runs chromium headless with `args` on `url`; returns its exit status.
int RunChromium(const std::string& chromium, const fs::path& profile, const std::string& args,
                const std::string& url, std::string* out) {
  const std::string cmd = "timeout 120 " + chromium +
                          " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update "
                          "--disable-sync --user-data-dir=" +
                          profile.string() + " " + args + " '" + url + "' 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out->append(buf.data(), n);
  return ::pclose(p);
}

struct PngInfo {
  bool valid = false;
  uint32_t width = 0, height = 0;
  uintmax_t bytes = 0;
};

PngInfo ReadPng(const fs::path& path) {
  PngInfo info;
  auto data = ReadFile(path);
  if (!data.ok() || data->size() < 24) return info;
  const std::string& d = *data;
  info.valid = d.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0 && d.compare(12, 4, "IHDR") == 0;
  auto be32 = [&](size_t at) {
    return (uint32_t(uint8_t(d[at])) << 24) | (uint32_t(uint8_t(d[at + 1])) << 16) |
           (uint32_t(uint8_t(d[at + 2])) << 8) | uint32_t(uint8_t(d[at + 3]));
  };
  info.width = be32(16);
  info.height = be32(20);
  info.bytes = d.size();
  return info;
}

TEST(ReportHtmlTest, RendersInHeadlessChromium) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh)";
  testing::TempDir dir;
  const fs::path html = dir.path() / "report.html";
  const fs::path blank = dir.path() / "blank.html";
  ASSERT_TRUE(WriteFileAtomic(html, Html()).ok());
  ASSERT_TRUE(WriteFileAtomic(blank, "<!DOCTYPE html><html><body></body></html>").ok());
  // Keep a copy for a human to look at when CAMPAIGN_KEEP_PNG names a directory.
  const char* keep = std::getenv("CAMPAIGN_KEEP_PNG");

  std::string out;
  const fs::path png = dir.path() / "report.png";
  ASSERT_EQ(RunChromium(chromium, dir.path() / "p1",
                        "--screenshot=" + png.string() + " --window-size=1200,900",
                        "file://" + html.string(), &out),
            0);
  const fs::path blank_png = dir.path() / "blank.png";
  ASSERT_EQ(RunChromium(chromium, dir.path() / "p2",
                        "--screenshot=" + blank_png.string() + " --window-size=1200,900",
                        "file://" + blank.string(), &out),
            0);
  const PngInfo report = ReadPng(png), empty = ReadPng(blank_png);
  ASSERT_TRUE(report.valid) << "no PNG at " << png;
  EXPECT_EQ(report.width, 1200u);
  EXPECT_EQ(report.height, 900u);
  // A blank page compresses to a few KB; charts, text and tables do not.
  ASSERT_TRUE(empty.valid);
  EXPECT_GT(report.bytes, 20000u);
  EXPECT_GT(report.bytes, 5 * empty.bytes) << "report " << report.bytes << " blank " << empty.bytes;
  if (keep) {
    std::error_code ec;
    fs::copy_file(png, fs::path(keep) / "report.png", fs::copy_options::overwrite_existing, ec);
  }
}

TEST(ReportHtmlTest, TableSortsInChromium) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh)";
  testing::TempDir dir;
  const fs::path html = dir.path() / "report.html";
  ASSERT_TRUE(WriteFileAtomic(html, Html()).ok());
  // Column 8 is median_ms; sort descending on load, then dump the live DOM.
  std::string dom;
  ASSERT_EQ(RunChromium(chromium, dir.path() / "p", "--dump-dom",
                        "file://" + html.string() + "#sort=8desc", &dom),
            0);
  const size_t jobs = dom.find("id=\"jobs\"");
  ASSERT_NE(jobs, std::string::npos) << dom.substr(0, 2000);
  const std::string table = dom.substr(jobs);
  // Largest median first (b32 fp32 = 30.3 ms), the failed job (-1) last.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(table, m, std::regex("<tbody>\\s*<tr[^>]*>(.*?)</tr>")));
  EXPECT_NE(m[1].str().find("<td>30.300</td>"), std::string::npos) << m[1].str();
  EXPECT_NE(table.find("data-dir=\"desc\""), std::string::npos);
  const size_t last_row = table.rfind("<tr");
  EXPECT_NE(table.find("vit_b_16", last_row), std::string::npos);
}

}  // namespace
}  // namespace campaign
