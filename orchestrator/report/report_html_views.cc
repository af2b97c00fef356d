// #precision (fp16/int8 speed-up over fp32) and #backends (our engine vs
// each command backend) of the HTML report.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "orchestrator/model/backend_spec.h"
#include "orchestrator/report/report.h"
#include "orchestrator/report/report_html_sections.h"
#include "orchestrator/report/svg_chart.h"

namespace campaign {

namespace {

// The median of each job, -1 for a job without trusted numbers.
double MedianOf(const JobView& v) { return HasTrustedResult(v) ? v.result->latency.median_ms : -1; }

std::string MsCell(const std::optional<double>& ms) {
  if (!ms) return "<td></td>";
  if (*ms < 0) return "<td class=\"o-failed\">-1</td>";
  return "<td>" + FormatFixed(*ms, 3) + "</td>";
}

// `base_ms / other_ms`: > 1 means `other` is faster. Coloured by direction.
std::string SpeedupCell(const std::optional<double>& base_ms,
                        const std::optional<double>& other_ms) {
  if (!base_ms || !other_ms) return "<td></td>";
  if (*base_ms <= 0 || *other_ms <= 0) return "<td class=\"su-none\">-</td>";
  const double s = *base_ms / *other_ms;
  const char* cls = s >= 1.05 ? "su-up" : s <= 0.95 ? "su-down" : "su-flat";
  return std::string("<td class=\"") + cls + "\">" + FormatFixed(s, 2) + "&times;</td>";
}

std::string Th(const std::string& s) { return "<th>" + HtmlEscape(s) + "</th>"; }

}  // namespace

std::string HtmlPrecisionSection(const std::vector<JobView>& jobs) {
  using Key = std::tuple<std::string, int, std::string>;  // model, batch, backend
  std::vector<Key> keys;
  std::map<Key, std::map<Precision, double>> ms;
  std::set<Precision> others;
  bool multi_backend = false;
  for (const auto& v : jobs) {
    const JobSpec& s = v.job.spec;
    const Key k{s.model, s.batch, s.backend};
    if (!ms.count(k)) keys.push_back(k);
    ms[k][s.precision] = MedianOf(v);
    if (s.precision != Precision::kFp32) others.insert(s.precision);
    multi_backend |= s.backend != kOpenclBackend;
  }
  std::string rows;
  for (const auto& k : keys) {
    const auto& by = ms[k];
    if (!by.count(Precision::kFp32) || by.size() < 2) continue;
    rows += "<tr><td class=\"text\">" + HtmlEscape(std::get<0>(k)) + "</td><td>" +
            std::to_string(std::get<1>(k)) + "</td>";
    if (multi_backend) rows += "<td class=\"text\">" + HtmlEscape(std::get<2>(k)) + "</td>";
    const std::optional<double> fp32 = by.at(Precision::kFp32);
    rows += MsCell(fp32);
    for (Precision p : others) {
      std::optional<double> v;
      if (by.count(p)) v = by.at(p);
      rows += MsCell(v) + SpeedupCell(fp32, v);
    }
    rows += "</tr>\n";
  }
  if (rows.empty()) return "";
  std::string o =
      "<section id=\"precision\"><h2>Precision: speed-up over fp32</h2>\n<p>fp32 median / "
      "median of the precision, per model and batch: &gt; 1 = faster than fp32; -1 = the job "
      "failed.</p>\n<table class=\"list\" id=\"precision-table\"><thead><tr>" +
      Th("model") + Th("batch");
  if (multi_backend) o += Th("backend");
  o += Th("fp32 ms");
  for (Precision p : others) {
    o +=
        Th(std::string(PrecisionName(p)) + " ms") + Th(std::string(PrecisionName(p)) + " speed-up");
  }
  return o + "</tr></thead><tbody>\n" + rows + "</tbody></table>\n</section>\n";
}

std::string HtmlBackendsSection(const std::vector<JobView>& jobs) {
  using Key = std::tuple<std::string, int, Precision>;  // model, batch, precision
  std::vector<Key> keys;
  std::vector<std::string> backends;  // command backends
  std::map<Key, std::map<std::string, double>> ms;
  bool has_ours = false;
  for (const auto& v : jobs) {
    const JobSpec& s = v.job.spec;
    const Key k{s.model, s.batch, s.precision};
    if (!ms.count(k)) keys.push_back(k);
    ms[k][s.backend] = MedianOf(v);
    has_ours |= s.backend == kOpenclBackend;
    if (s.backend != kOpenclBackend &&
        std::find(backends.begin(), backends.end(), s.backend) == backends.end()) {
      backends.push_back(s.backend);
    }
  }
  if (!has_ours || backends.empty()) return "";
  std::string o =
      "<section id=\"backends\"><h2>Backends: ours vs command backends</h2>\n<p>Median ms of "
      "each backend; <i>ours</i> = their median / ours: &gt; 1 = our engine is faster. Each "
      "tool measures what it measures (docs/reports.md, Backends).</p>\n"
      "<table class=\"list\" id=\"backends-table\"><thead><tr>" +
      Th("model") + Th("batch") + Th("precision") + Th("opencl ms");
  for (const auto& b : backends) o += Th(b + " ms") + Th("ours vs " + b);
  o += "</tr></thead><tbody>\n";
  for (const auto& k : keys) {
    const auto& by = ms[k];
    if (by.size() < 2 || !by.count(kOpenclBackend)) continue;  // nothing to set beside ours
    auto get = [&](const std::string& b) -> std::optional<double> {
      auto it = by.find(b);
      return it == by.end() ? std::nullopt : std::optional<double>(it->second);
    };
    o += "<tr><td class=\"text\">" + HtmlEscape(std::get<0>(k)) + "</td><td>" +
         std::to_string(std::get<1>(k)) + "</td><td class=\"text\">" +
         std::string(PrecisionName(std::get<2>(k))) + "</td>" + MsCell(get(kOpenclBackend));
    for (const auto& b : backends) o += MsCell(get(b)) + SpeedupCell(get(b), get(kOpenclBackend));
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n</section>\n";
}

}  // namespace campaign
