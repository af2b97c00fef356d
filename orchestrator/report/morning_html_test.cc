// The HTML report's first screen on a hold-out-style store (morning_fixture.h):
// the sections, the cell classes and colours, the log links; then the same
// page in headless Chromium (computed colours, resolved links, screenshots).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>

#include "common/file_util.h"
#include "orchestrator/report/morning_fixture.h"
#include "orchestrator/report/morning_inputs.h"
#include "orchestrator/report/report_html.h"
#include "orchestrator/report/report_html_sections.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;

int Count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

class MorningHtmlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(testing::WriteHoldOutStore(h_, 8));
    HtmlExtras extras;
    extras.morning = BuildMorningReport(
        h_.jobs, LoadMorningInputs(*h_.store, h_.campaign, h_.jobs, h_.dir.path().string()));
    auto trends = CollectTrends(*h_.store, h_.campaign, 30);
    ASSERT_TRUE(trends.ok());
    extras.trends = *trends;
    morning_ = *extras.morning;
    html_ = RenderHtmlReport(h_.campaign, h_.jobs, extras);
  }
  // The <td> of the matrix cell of `label` ("resnet50 b1 fp32").
  std::string MatrixTd(const std::string& label) {
    for (const auto& c : morning_.cells) {
      if (c.Label() != label) continue;
      const size_t at = html_.find("data-job=\"" + std::to_string(c.job) + "\"");
      if (at == std::string::npos) break;
      const size_t begin = html_.rfind("<td", at), end = html_.find("</td>", at);
      return html_.substr(begin, end + 5 - begin);
    }
    ADD_FAILURE() << "no matrix cell " << label;
    return "";
  }
  testing::HoldOutStore h_;
  MorningReport morning_;
  std::string html_;
};

TEST_F(MorningHtmlTest, FirstScreenSectionsComeFirst) {
  std::vector<size_t> at;
  for (const char* id :
       {"summary", "failures", "regressions", "trends", "precision", "backends", "details"}) {
    at.push_back(html_.find(std::string("<section id=\"") + id + "\">"));
    ASSERT_NE(at.back(), std::string::npos) << id;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  EXPECT_NE(html_.find("<nav><a href=\"#summary\">Summary</a><a href=\"#failures\">Failures (4)"),
            std::string::npos);
  EXPECT_NE(html_.find("failures by reason</a>: <b>accuracy</b> 1 <b>timeout</b> 1 "
                       "<b>unsupported_op</b> 2"),
            std::string::npos);
  EXPECT_NE(html_.find("5 regression(s)</b></a>, 1 improvement(s), 1 within noise"),
            std::string::npos);
  EXPECT_NE(html_.find("1 below baseline</b>"), std::string::npos);
}

TEST_F(MorningHtmlTest, CellsCarryOutcomeColourNumbersAndLog) {
  for (const OutcomeColour& c : OutcomeColours()) {
    EXPECT_NE(html_.find(".o-" + std::string(CellOutcomeName(c.outcome)) +
                         "{background:" + c.background + "}"),
              std::string::npos);
  }
  EXPECT_EQ(Count(html_, "<td class=\"cell o-failed\""), 4);
  EXPECT_EQ(Count(html_, "<td class=\"cell o-regressed\""), 1);
  EXPECT_EQ(Count(html_, "<td class=\"cell o-below-baseline\""), 1);
  EXPECT_EQ(Count(html_, "<td class=\"cell o-unstable\""), 1);
  EXPECT_EQ(Count(html_, "<td class=\"cell o-throttled\""), 1);
  EXPECT_EQ(Count(html_, "<td class=\"cell o-ok\""), 14);

  const std::string regressed = MatrixTd("resnet50 b1 fp32");
  EXPECT_NE(regressed.find("class=\"cell o-regressed\""), std::string::npos);
  EXPECT_NE(regressed.find(">11.000</a>"), std::string::npos) << regressed;
  EXPECT_NE(regressed.find("vs previous: regression (+10.0 %)"), std::string::npos) << regressed;
  EXPECT_NE(regressed.find("<br><small>+10.0%</small>"), std::string::npos);
  std::smatch href;
  ASSERT_TRUE(std::regex_search(regressed, href, std::regex("<a href=\"([^\"]+)\">")));
  EXPECT_TRUE(std::regex_match(href[1].str(), std::regex("logs/c[0-9]+/[0-9]+\\.log")));
  EXPECT_TRUE(fs::exists(h_.dir.path() / href[1].str()));

  const std::string failed = MatrixTd("vit_b_16 b8 fp16");
  EXPECT_NE(failed.find("-1 <small>unsupported_op</small>"), std::string::npos) << failed;
  EXPECT_NE(failed.find("Pad mode &#39;reflect&#39;"), std::string::npos) << failed;
  const std::string below = MatrixTd("resnet50 b8 fp32");
  EXPECT_NE(below.find("0.50&times; base"), std::string::npos) << below;
  EXPECT_NE(below.find("0.50x vendor page (target 0.80)"), std::string::npos) << below;
}

TEST_F(MorningHtmlTest, FailuresAndRegressionsListEveryCase) {
  const size_t f = html_.find("<section id=\"failures\">");
  const std::string failures = html_.substr(f, html_.find("</section>", f) - f);
  EXPECT_NE(failures.find("unsupported_op \u2014 2 jobs, 1 model"), std::string::npos);
  EXPECT_NE(failures.find("timeout \u2014 1 job, 1 model"), std::string::npos);
  EXPECT_NE(failures.find("accuracy \u2014 1 job, 1 model"), std::string::npos);
  EXPECT_EQ(Count(failures, "<tr class=\"o-failed\">"), 4);
  EXPECT_EQ(Count(failures, ">log</a>"), 4);
  // efficientnet_b0 b8 fp32 timed out on its second attempt.
  EXPECT_NE(failures.find("efficientnet_b0 b8 fp32</td><td class=\"text msg\">runner killed after "
                          "the job&#39;s timeout (600 s)</td><td>2</td>"),
            std::string::npos)
      << failures;

  const size_t r = html_.find("<section id=\"regressions\">");
  const std::string regressions = html_.substr(r, html_.find("</section>", r) - r);
  EXPECT_EQ(Count(regressions, "<tr class=\"o-regressed\">"), 5);
  EXPECT_LT(regressions.find("new failure"), regressions.find(">regression<"));
  EXPECT_NE(regressions.find("<td>10.000</td><td>11.000</td><td>+10.0%</td>"), std::string::npos);
  EXPECT_EQ(Count(regressions, "<tr class=\"o-below-baseline\">"), 1);
  EXPECT_NE(regressions.find("<td>0.500</td><td>0.80</td>"), std::string::npos) << regressions;
}

TEST_F(MorningHtmlTest, PrecisionAndBackendViews) {
  const size_t p = html_.find("<section id=\"precision\">");
  const std::string precision = html_.substr(p, html_.find("</section>", p) - p);
  // resnet50 b1: fp32 11 ms, fp16 6 ms -> 1.83x.
  EXPECT_NE(precision.find("<td>11.000</td><td>6.000</td><td class=\"su-up\">1.83&times;</td>"),
            std::string::npos)
      << precision;
  EXPECT_NE(precision.find("<td class=\"o-failed\">-1</td>"), std::string::npos);
  const size_t b = html_.find("<section id=\"backends\">");
  const std::string backends = html_.substr(b, html_.find("</section>", b) - b);
  // resnet50 b8 fp32: ours 40 ms, trt 16 ms -> ours at 0.40x.
  EXPECT_NE(backends.find("<td>40.000</td><td>16.000</td><td class=\"su-down\">0.40&times;</td>"),
            std::string::npos)
      << backends;
}

// --- Headless Chromium -----------------------------------------------------

std::string FindChromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return "";
}

int RunChromium(const std::string& chromium, const fs::path& profile, const std::string& args,
                const std::string& url, std::string* out) {
  const std::string cmd = "timeout 120 " + chromium +
                          " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update "
                          "--disable-sync --hide-scrollbars --user-data-dir=" +
                          profile.string() + " " + args + " '" + url + "' 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out->append(buf.data(), n);
  return ::pclose(p);
}

// The test's copy of the report gets a probe that writes what the browser
// computed (cell backgrounds, resolved link targets) into the DOM.
constexpr const char* kProbe = R"(<script>
var out = [];
document.querySelectorAll('#matrix td.cell:not(.none)').forEach(function(td) {
  var a = td.querySelector('a');
  out.push(td.className + '|' + getComputedStyle(td).backgroundColor + '|' + (a ? a.href : ''));
});
var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = out.join('\n');
document.body.appendChild(pre);
</script></body>)";

std::string Rgb(const std::string& hex) {
  auto byte = [&](size_t at) { return std::to_string(std::stoi(hex.substr(at, 2), nullptr, 16)); };
  return "rgb(" + byte(1) + ", " + byte(3) + ", " + byte(5) + ")";
}

TEST_F(MorningHtmlTest, ChromiumShowsTheColoursAndResolvesTheLogLinks) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh)";
  std::string probed = html_;
  probed.replace(probed.rfind("</body>"), 7, kProbe);
  const fs::path page = h_.dir.path() / "probe.html";
  ASSERT_TRUE(WriteFileAtomic(page, probed).ok());
  std::string dom;
  ASSERT_EQ(
      RunChromium(chromium, h_.dir.path() / "p", "--dump-dom", "file://" + page.string(), &dom), 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m, std::regex("<pre id=\"probe\">([^<]*)</pre>")))
      << dom.substr(0, 2000);
  std::map<std::string, std::string> colour;  // outcome -> computed background
  int links = 0;
  std::istringstream lines(m[1].str());
  for (std::string line; std::getline(lines, line);) {
    const size_t a = line.find('|'), b = line.find('|', a + 1);
    const std::string cls = line.substr(0, a), bg = line.substr(a + 1, b - a - 1);
    const std::string href = line.substr(b + 1);
    colour[cls.substr(cls.find("o-") + 2)] = bg;
    ASSERT_EQ(href.rfind("file://", 0), 0u) << line;
    EXPECT_TRUE(fs::exists(href.substr(7))) << href;
    ++links;
  }
  EXPECT_EQ(links, 22);
  for (const OutcomeColour& c : OutcomeColours()) {
    if (c.outcome == CellOutcome::kPending) continue;  // no pending job tonight
    EXPECT_EQ(colour[std::string(CellOutcomeName(c.outcome))], Rgb(c.background))
        << CellOutcomeName(c.outcome);
  }
}

// The issue's 16-model nightly: counts, reasons and the whole status matrix
// (16 models x 6 columns) lie within a 1200 x 900 window.
TEST(MorningHtmlFirstScreenTest, SixteenModelsFitOnTheFirstScreenInChromium) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh)";
  std::vector<JobView> jobs;
  int64_t id = 1;
  for (int m = 0; m < 16; ++m) {
    for (int b : {1, 8, 32}) {
      for (Precision p : {Precision::kFp32, Precision::kFp16}) {
        const std::string model = "model_number_" + std::to_string(m);
        jobs.push_back(m % 5 == 4 ? testing::FailedJob(id++, model, b, p, "unsupported_op")
                                  : testing::OkJob(id++, model, b, p, 1.0 + m + b));
      }
    }
  }
  testing::TempDir dir;
  std::string html = RenderHtmlReport(testing::MakeCampaign(), jobs, {});
  html.replace(html.rfind("</body>"), 7, R"(<script>
var r = document.getElementById('matrix').getBoundingClientRect();
var pre = document.createElement('pre'); pre.id = 'probe';
pre.textContent = 'bottom=' + Math.round(r.bottom) + ' rows=' + document.querySelectorAll('#matrix tbody tr').length;
document.body.appendChild(pre);
</script></body>)");
  const fs::path page = dir.path() / "sixteen.html";
  ASSERT_TRUE(WriteFileAtomic(page, html).ok());
  std::string dom;
  ASSERT_EQ(RunChromium(chromium, dir.path() / "p", "--dump-dom --window-size=1200,900",
                        "file://" + page.string(), &dom),
            0);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m, std::regex("bottom=([0-9]+) rows=([0-9]+)")));
  std::printf("16-model matrix ends at y = %s px\n", m[1].str().c_str());
  EXPECT_EQ(m[2].str(), "16");
  EXPECT_LE(std::stoi(m[1].str()), 900) << "the matrix ends below the first screen";
}

// Screenshots of the first screen and of each view (a copy of the page that
// shows one section); kept in $CAMPAIGN_KEEP_PNG (docs/images/) when set.
TEST_F(MorningHtmlTest, ChromiumScreenshotsOfEachView) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh)";
  const char* keep = std::getenv("CAMPAIGN_KEEP_PNG");
  struct View {
    const char* name;  // section id; "first-screen" = the page as it opens
    const char* size;
  };
  for (const View& v : {View{"first-screen", "1200,900"}, View{"failures", "1000,520"},
                        View{"regressions", "1000,420"}, View{"trends", "1100,700"},
                        View{"precision", "900,420"}, View{"backends", "900,300"}}) {
    std::string page = html_;
    if (std::string(v.name) != "first-screen") {
      page.replace(page.find("</style>"), 8,
                   std::string("nav,section{display:none}h1{display:none}section#") + v.name +
                       "{display:block}</style>");
    }
    const fs::path file = h_.dir.path() / (std::string(v.name) + ".html");
    const fs::path png = h_.dir.path() / (std::string(v.name) + ".png");
    ASSERT_TRUE(WriteFileAtomic(file, page).ok());
    std::string out;
    ASSERT_EQ(RunChromium(chromium, h_.dir.path() / ("p-" + std::string(v.name)),
                          "--screenshot=" + png.string() + " --window-size=" + v.size,
                          "file://" + file.string(), &out),
              0);
    auto data = ReadFile(png);
    ASSERT_TRUE(data.ok()) << v.name;
    EXPECT_EQ(data->compare(0, 8, "\x89PNG\r\n\x1a\n"), 0);
    EXPECT_GT(data->size(), 10000u) << v.name;  // not a blank page
    if (keep) {
      std::error_code ec;
      fs::copy_file(png, fs::path(keep) / ("report-" + std::string(v.name) + ".png"),
                    fs::copy_options::overwrite_existing, ec);
      EXPECT_FALSE(ec) << ec.message();
    }
  }
  if (keep) {          // the store too, to run `campaign report` on it by hand
    h_.store.reset();  // closes it: the WAL is checkpointed into the file
    std::error_code ec;
    fs::copy_file(h_.dir.path() / "campaign.db", fs::path(keep) / "holdout.db",
                  fs::copy_options::overwrite_existing, ec);
  }
}

}  // namespace
}  // namespace campaign
