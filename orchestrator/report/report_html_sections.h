// The sections of the HTML report (report_html.h), one file each:
// report_html_summary.cc (#summary, #failures, #regressions),
// report_html_trends.cc (#trends), report_html_views.cc (#precision,
// #backends). Each returns an HTML fragment (a <section>, or "" when it has
// nothing to show) that needs report_html.cc's style sheet.
#pragma once

#include <string>
#include <vector>

#include "orchestrator/report/morning.h"
#include "orchestrator/report/trends.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// The outcome colours, for the style sheet and tests: {outcome, background}.
struct OutcomeColour {
  CellOutcome outcome;
  const char* background;  // "#rrggbb"
};
const std::vector<OutcomeColour>& OutcomeColours();

// Counts, the failure reasons, the changes vs the previous campaign and the
// baselines, the legend and the status matrix.
std::string HtmlSummarySection(const MorningReport& m);
// Every -1, grouped by reason.
std::string HtmlFailuresSection(const MorningReport& m);
// Regressions vs campaigns, then cases below published baselines.
std::string HtmlRegressionsSection(const MorningReport& m);
// Small multiples of every case's median over the campaigns.
std::string HtmlTrendsSection(const Trends& t);
// fp16 / int8 speed-up over fp32 per model x batch x backend ("" without
// fp32 and another precision).
std::string HtmlPrecisionSection(const std::vector<JobView>& jobs);
// Our engine vs each command backend per case ("" with one backend).
std::string HtmlBackendsSection(const std::vector<JobView>& jobs);

// `<a href="HREF">TEXT</a>` (both escaped); TEXT alone when href is "".
std::string HtmlLink(const std::string& href, const std::string& text);

}  // namespace campaign
