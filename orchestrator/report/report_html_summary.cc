// The first screen of the HTML report: #summary (counts and the status
// matrix), #failures and #regressions.
#include "orchestrator/report/report.h"
#include "orchestrator/report/report_html_sections.h"
#include "orchestrator/report/svg_chart.h"

namespace campaign {

namespace {

std::string Pct(const std::optional<double>& v) {
  if (!v) return "";
  return (*v >= 0 ? "+" : "") + FormatFixed(*v * 100, 1) + "%";
}

std::string Ms(const std::optional<double>& v) { return v ? FormatFixed(*v, 3) : "-1"; }

std::string Td(const std::string& text, const std::string& cls = "") {
  return (cls.empty() ? "<td>" : "<td class=\"" + cls + "\">") + HtmlEscape(text) + "</td>";
}

std::string Header(const std::vector<std::string>& cols) {
  std::string o = "<thead><tr>";
  for (const auto& c : cols) o += "<th>" + HtmlEscape(c) + "</th>";
  return o + "</tr></thead>";
}

std::string Badge(CellOutcome o, int n) {
  return "<span class=\"badge o-" + std::string(CellOutcomeName(o)) + "\">" + std::to_string(n) +
         " " + HtmlEscape(std::string(CellOutcomeLabel(o))) + "</span>";
}

// The text of a matrix cell: the median, or -1 and the reason; the ratio to
// the baseline below it when there is one.
std::string CellHtml(const MatrixCell& c) {
  std::string main;
  if (c.outcome == CellOutcome::kFailed) {
    main = "-1 <small>" + HtmlEscape(c.reason) + "</small>";
  } else if (c.outcome == CellOutcome::kPending) {
    main = HtmlEscape(c.status);
  } else {
    main = FormatFixed(*c.median_ms, 3);
  }
  std::string o = c.log.empty() ? main : "<a href=\"" + HtmlEscape(c.log) + "\">" + main + "</a>";
  if (c.ratio) o += "<br><small>" + FormatFixed(*c.ratio, 2) + "&times; base</small>";
  if (c.relative && c.outcome == CellOutcome::kRegressed) {
    o += "<br><small>" + Pct(c.relative) + "</small>";
  }
  return o;
}

std::string Matrix(const MorningReport& m) {
  std::string o = "<table class=\"matrix\" id=\"matrix\"><thead><tr><th>model</th>";
  for (const auto& col : m.matrix.columns) o += "<th>" + HtmlEscape(col.Name()) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (size_t r = 0; r < m.matrix.models.size(); ++r) {
    o += "<tr><th class=\"model\">" + HtmlEscape(m.matrix.models[r]) + "</th>";
    for (const auto& idx : m.matrix.cells[r]) {
      if (!idx) {
        o += "<td class=\"cell none\"></td>";
        continue;
      }
      const MatrixCell& c = m.cells[*idx];
      o += "<td class=\"cell o-" + std::string(CellOutcomeName(c.outcome)) + "\" data-job=\"" +
           std::to_string(c.job) + "\" title=\"" + HtmlEscape(c.Tooltip()) + "\">" + CellHtml(c) +
           "</td>";
    }
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n";
}

std::string Headline(const MorningReport& m) {
  std::string o = "<p class=\"counts\"><b>" + std::to_string(m.cells.size()) + " jobs</b> ";
  for (const auto& [outcome, n] : m.by_outcome) {
    if (n > 0) o += Badge(outcome, n);
  }
  o += "</p>\n<p class=\"counts\">status:";
  for (const auto& [status, n] : m.by_status)
    o += " " + HtmlEscape(status) + " " + std::to_string(n);
  if (!m.by_reason.empty()) {
    o += " &middot; <a href=\"#failures\">failures by reason</a>:";
    for (const auto& [reason, n] : m.by_reason) {
      o += " <b>" + HtmlEscape(reason) + "</b> " + std::to_string(n);
    }
  }
  o += "</p>\n<p class=\"counts\">";
  if (m.previous_label.empty()) {
    o += "no previous campaign of this name";
  } else {
    o += "vs " + HtmlEscape(m.previous_label) + ": <a href=\"#regressions\"><b>" +
         std::to_string(m.regressions.size()) + " regression(s)</b></a>, " +
         std::to_string(m.improvements) + " improvement(s), " + std::to_string(m.within_noise) +
         " within noise, " + std::to_string(m.fixed) + " fixed";
  }
  if (!m.baseline_labels.empty()) {
    std::string labels;
    for (const auto& l : m.baseline_labels) labels += (labels.empty() ? "" : "; ") + l;
    o += " &middot; vs " + HtmlEscape(labels) + ": <a href=\"#regressions\"><b>" +
         std::to_string(m.below_baseline.size()) + " below baseline</b></a>";
  }
  return o + "</p>\n";
}

std::string Legend() {
  std::string o = "<p class=\"legend\">";
  for (CellOutcome c : AllCellOutcomes()) {
    o += "<span class=\"cell o-" + std::string(CellOutcomeName(c)) + "\">" +
         HtmlEscape(std::string(CellOutcomeLabel(c))) + "</span>";
  }
  return o +
         " cells: median ms (link: the job's log), &times; base = ours/baseline throughput; "
         "hover for the numbers</p>\n";
}

}  // namespace

const std::vector<OutcomeColour>& OutcomeColours() {
  static const std::vector<OutcomeColour> kColours = {
      {CellOutcome::kFailed, "#f4a6a6"},        {CellOutcome::kRegressed, "#d7b4f0"},
      {CellOutcome::kBelowBaseline, "#a9cdf5"}, {CellOutcome::kThrottled, "#ffc98a"},
      {CellOutcome::kUnstable, "#fbeb8e"},      {CellOutcome::kOk, "#c4e8c4"},
      {CellOutcome::kPending, "#e4e4e4"}};
  return kColours;
}

std::string HtmlLink(const std::string& href, const std::string& text) {
  if (href.empty()) return HtmlEscape(text);
  return "<a href=\"" + HtmlEscape(href) + "\">" + HtmlEscape(text) + "</a>";
}

std::string HtmlSummarySection(const MorningReport& m) {
  return "<section id=\"summary\"><h2>Summary</h2>\n" + Headline(m) + Legend() + Matrix(m) +
         "</section>\n";
}

std::string HtmlFailuresSection(const MorningReport& m) {
  std::string o = "<section id=\"failures\"><h2>Failures (" +
                  std::to_string(m.Outcomes(CellOutcome::kFailed)) + ")</h2>\n";
  if (m.failures.empty()) return o + "<p>None: every job has numbers.</p></section>\n";
  for (const auto& g : m.failures) {
    o += "<h3 class=\"reason\" id=\"reason-" + HtmlEscape(g.reason) + "\">" +
         HtmlEscape(g.Headline()) + "</h3>\n<table class=\"list\">" +
         Header({"case", "message", "attempts", "log"}) + "<tbody>\n";
    for (size_t i : g.jobs) {
      const MatrixCell& c = m.cells[i];
      o += "<tr class=\"o-failed\">" + Td(c.Label(), "text") + Td(c.message, "text msg") +
           Td(std::to_string(c.attempts)) + "<td class=\"text\">" + HtmlLink(c.log, "log") +
           "</td></tr>\n";
    }
    o += "</tbody></table>\n";
  }
  return o + "</section>\n";
}

std::string HtmlRegressionsSection(const MorningReport& m) {
  std::string o = "<section id=\"regressions\"><h2>Regressions (" +
                  std::to_string(m.regressions.size()) + ") and below baseline (" +
                  std::to_string(m.below_baseline.size()) + ")</h2>\n";
  if (m.previous_label.empty() && m.baseline_labels.empty()) {
    return o +
           "<p>No previous campaign of this name and no published baseline to compare "
           "with.</p></section>\n";
  }
  o += "<p>Worst first. Against campaigns: a change counts when it exceeds both the threshold "
       "and k &times; the combined run-to-run spread (docs/reports.md); " +
       std::to_string(m.within_noise) + " change(s) stayed within the noise.</p>\n";
  if (!m.regressions.empty()) {
    o += "<table class=\"list\" id=\"regressions-campaign\">" +
         Header(
             {"case", "against", "verdict", "before ms", "now ms", "change", "spread ms", "log"}) +
         "<tbody>\n";
    for (const auto& r : m.regressions) {
      const MatrixCell& c = m.cells[r.cell];
      o += "<tr class=\"o-regressed\">" + Td(c.Label(), "text") + Td(r.against, "text") +
           Td(r.verdict, "text") + Td(Ms(r.base_ms)) + Td(Ms(r.ours_ms)) + Td(Pct(r.relative)) +
           Td(r.spread_ms ? FormatFixed(*r.spread_ms, 3) : "") + "<td class=\"text\">" +
           HtmlLink(c.log, "log") + "</td></tr>\n";
    }
    o += "</tbody></table>\n";
  }
  if (!m.below_baseline.empty()) {
    o +=
        "<table class=\"list\" id=\"below-baseline\">" +
        Header({"case", "below baseline", "baseline ms", "ours ms", "ours/base", "target", "log"}) +
        "<tbody>\n";
    for (const auto& r : m.below_baseline) {
      const MatrixCell& c = m.cells[r.cell];
      o += "<tr class=\"o-below-baseline\">" + Td(c.Label(), "text") + Td(r.against, "text") +
           Td(Ms(r.base_ms)) + Td(Ms(r.ours_ms)) + Td(FormatFixed(*r.ratio, 3)) +
           Td(FormatFixed(r.target_ratio, 2)) + "<td class=\"text\">" + HtmlLink(c.log, "log") +
           "</td></tr>\n";
    }
    o += "</tbody></table>\n";
  }
  if (m.regressions.empty() && m.below_baseline.empty()) o += "<p>None.</p>\n";
  return o + "</section>\n";
}

}  // namespace campaign
