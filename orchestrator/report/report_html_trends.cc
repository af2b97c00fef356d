// #trends: one small chart per case (small multiples in a grid), the median
// over the campaigns, unstable / regressed / failed points marked and the
// campaigns where the device or driver changed drawn as dashed lines.
#include <algorithm>

#include "orchestrator/report/report.h"
#include "orchestrator/report/report_html_sections.h"
#include "orchestrator/report/svg_chart.h"

namespace campaign {

namespace {

constexpr int kWidth = 250, kHeight = 120;
constexpr int kLeft = 38, kRight = 8, kTop = 20, kBottom = 16;

std::string Num(double v) { return FormatFixed(v, 1); }

// The y axis spans the series' range with a margin, not from 0: a 10 %
// step must be visible in 80 pixels. The ticks say where it starts.
struct Frame {
  size_t n = 1;  // campaigns on the x axis
  double y_min = 0, y_max = 1;
  double X(size_t i) const {
    const double w = kWidth - kLeft - kRight;
    return n <= 1 ? kLeft + w / 2 : kLeft + w * static_cast<double>(i) / static_cast<double>(n - 1);
  }
  double Y(double v) const {
    return kTop + (kHeight - kTop - kBottom) * (1 - (v - y_min) / (y_max - y_min));
  }
};

std::string PointTitle(const Trends& t, const TrendPoint& p) {
  const CampaignRecord& c = t.campaigns[p.campaign].campaign;
  std::string s = "campaign " + std::to_string(c.id) + " (" + c.created_at.substr(0, 10) + "): ";
  if (!p.median_ms) return s + "-1, " + p.reason;
  s += FormatFixed(*p.median_ms, 3) + " ms \u00b1 " + FormatFixed(p.stddev_ms, 3);
  if (p.change) s += ", " + std::string(*p.change >= 0 ? "+" : "") + Num(*p.change * 100) + " %";
  if (p.regressed) s += ", REGRESSION";
  if (p.unstable) s += ", unstable";
  return s;
}

std::string EnvironmentLines(const Trends& t, const Frame& f) {
  std::string o;
  for (size_t i = 0; i < t.campaigns.size(); ++i) {
    const TrendCampaign& c = t.campaigns[i];
    if (!c.environment_changed) continue;
    const double x = i == 0 ? f.X(0) : (f.X(i - 1) + f.X(i)) / 2;
    o += "<line class=\"env\" x1=\"" + Num(x) + "\" y1=\"" + std::to_string(kTop) + "\" x2=\"" +
         Num(x) + "\" y2=\"" + std::to_string(kHeight - kBottom) + "\"><title>" +
         HtmlEscape("device/driver changed: " + c.previous_environment + " \u2192 " +
                    c.environment) +
         "</title></line>";
  }
  return o;
}

std::string Chart(const Trends& t, const TrendSeries& s) {
  Frame f;
  f.n = t.campaigns.size();
  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& p : s.points) {
    if (!p.median_ms) continue;
    lo = any ? std::min(lo, *p.median_ms) : *p.median_ms;
    hi = any ? std::max(hi, *p.median_ms) : *p.median_ms;
    any = true;
  }
  if (any) {
    const double margin = std::max((hi - lo) * 0.25, hi * 0.05);
    f.y_min = std::max(0.0, lo - margin);
    f.y_max = hi + margin;
  }
  std::string o = "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                  std::to_string(kWidth) + "\" height=\"" + std::to_string(kHeight) + "\">";
  o += "<text x=\"4\" y=\"13\" class=\"title\">" + HtmlEscape(s.Label()) + "</text>";
  o += "<line class=\"axis\" x1=\"" + std::to_string(kLeft) + "\" y1=\"" +
       std::to_string(kHeight - kBottom) + "\" x2=\"" + std::to_string(kWidth - kRight) +
       "\" y2=\"" + std::to_string(kHeight - kBottom) + "\"/>";
  o += "<text x=\"" + std::to_string(kLeft - 3) + "\" y=\"" + std::to_string(kTop + 8) +
       "\" class=\"tick\" text-anchor=\"end\">" + FormatFixed(f.y_max, 2) + "</text>";
  o += "<text x=\"" + std::to_string(kLeft - 3) + "\" y=\"" + std::to_string(kHeight - kBottom) +
       "\" class=\"tick\" text-anchor=\"end\">" + FormatFixed(f.y_min, 2) + "</text>";
  o += EnvironmentLines(t, f);
  std::string line;
  for (const auto& p : s.points) {
    if (p.median_ms) line += Num(f.X(p.campaign)) + "," + Num(f.Y(*p.median_ms)) + " ";
  }
  if (!line.empty()) o += "<polyline class=\"series\" points=\"" + line + "\"/>";
  for (const auto& p : s.points) {
    const std::string title = "<title>" + HtmlEscape(PointTitle(t, p)) + "</title>";
    const double x = f.X(p.campaign);
    if (!p.median_ms) {
      const double y = kHeight - kBottom;
      o += "<path class=\"pt failed\" d=\"M" + Num(x - 4) + "," + Num(y - 4) + "L" + Num(x + 4) +
           "," + Num(y + 4) + "M" + Num(x - 4) + "," + Num(y + 4) + "L" + Num(x + 4) + "," +
           Num(y - 4) + "\">" + title + "</path>";
      continue;
    }
    const std::string cls = p.regressed ? "pt regressed" : p.unstable ? "pt unstable" : "pt";
    o += "<circle class=\"" + cls + "\" cx=\"" + Num(x) + "\" cy=\"" + Num(f.Y(*p.median_ms)) +
         "\" r=\"" + (p.regressed ? "4.5" : "3") + "\">" + title + "</circle>";
  }
  const CampaignRecord& first = t.campaigns.front().campaign;
  const CampaignRecord& last = t.campaigns.back().campaign;
  o += "<text x=\"" + std::to_string(kLeft) + "\" y=\"" + std::to_string(kHeight - 3) +
       "\" class=\"tick\">#" + std::to_string(first.id) + "</text><text x=\"" +
       std::to_string(kWidth - kRight) + "\" y=\"" + std::to_string(kHeight - 3) +
       "\" class=\"tick\" text-anchor=\"end\">#" + std::to_string(last.id) + "</text>";
  return o + "</svg>";
}

}  // namespace

std::string HtmlTrendsSection(const Trends& t) {
  std::string o = "<section id=\"trends\"><h2>Trends over the last " +
                  std::to_string(t.campaigns.size()) + " campaign(s)</h2>\n";
  if (t.campaigns.empty()) return o + "<p>No campaign.</p></section>\n";
  o += "<p class=\"legend\">median ms per campaign (#" +
       std::to_string(t.campaigns.front().campaign.id) + " \u2026 #" +
       std::to_string(t.campaigns.back().campaign.id) +
       "); <span class=\"key k-regressed\">&#9679;</span> regression vs the previous point "
       "(threshold " +
       FormatFixed(t.rule.relative_threshold * 100, 1) + " %, k = " + FormatFixed(t.rule.k, 1) +
       "), <span class=\"key k-unstable\">&#9675;</span> unstable, "
       "<span class=\"key k-failed\">&#10005;</span> -1, <span class=\"key k-env\">|</span> "
       "device or driver changed; hover a point for its numbers</p>\n";
  std::string changes;
  for (const auto& c : t.campaigns) {
    if (!c.environment_changed) continue;
    changes += "<li>campaign " + std::to_string(c.campaign.id) + " (" +
               HtmlEscape(c.campaign.created_at.substr(0, 10)) +
               "): " + HtmlEscape(c.previous_environment) + " &rarr; " + HtmlEscape(c.environment) +
               "</li>";
  }
  if (!changes.empty()) o += "<ul class=\"env\">" + changes + "</ul>\n";
  o += "<div class=\"grid\">";
  for (const auto& s : t.series) o += Chart(t, s);
  return o + "</div>\n</section>\n";
}

}  // namespace campaign
