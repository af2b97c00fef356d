#include "orchestrator/report/report_html.h"

#include <algorithm>
#include <map>

#include "orchestrator/report/morning_inputs.h"
#include "orchestrator/report/pivot.h"
#include "orchestrator/report/report.h"
#include "orchestrator/report/report_html_sections.h"
#include "orchestrator/report/svg_chart.h"

namespace campaign {

namespace {

constexpr const char* kStyle = R"(
body{font-family:sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}
.charts{display:flex;flex-wrap:wrap;gap:12px}
table{border-collapse:collapse;font-size:12px;margin-top:8px}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#f0f0f0;cursor:pointer;white-space:nowrap}
th[data-dir=asc]::after{content:" \25B2"}th[data-dir=desc]::after{content:" \25BC"}
td.text{text-align:left}tr.failed td{background:#fdecea}
.summary span{margin-right:18px}
nav{position:sticky;top:0;background:#fff;padding:4px 0;border-bottom:1px solid #ddd;font-size:13px}
nav a{margin-right:14px}
section h2{margin-top:18px}h3.reason{font-size:14px;margin:10px 0 2px}
p.counts{margin:4px 0;font-size:13px}section p,ul.env{font-size:13px}
.badge{display:inline-block;padding:1px 7px;margin-right:6px;border-radius:9px;border:1px solid #999}
p.legend{font-size:11px;color:#444}p.legend span.cell{display:inline-block;padding:1px 6px;margin-right:4px;border:1px solid #bbb}
table.matrix td.cell{min-width:62px;text-align:center;font-size:12px}
table.matrix td.cell a{color:#111;text-decoration:none}table.matrix td.cell a:hover{text-decoration:underline}
table.matrix th.model{text-align:left;background:#f8f8f8}table.matrix td.none{background:#fff}
table.matrix small{color:#333}td.msg{max-width:520px}
td.su-up{background:#c4e8c4}td.su-down{background:#f4a6a6}td.su-flat{background:#f3f3f3}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(254px,1fr));gap:6px}
svg.trend{border:1px solid #ddd;background:#fff}svg.trend .title{font-size:11px;font-weight:bold}
svg.trend .tick{font-size:9px;fill:#666}svg.trend .axis{stroke:#999}
svg.trend .series{fill:none;stroke:#3465a4;stroke-width:1.5}
svg.trend .pt{fill:#3465a4}svg.trend .pt.unstable{fill:#fff;stroke:#e09000;stroke-width:2}
svg.trend .pt.regressed{fill:#c00}svg.trend .pt.failed{stroke:#c00;stroke-width:2;fill:none}
svg.trend .env{stroke:#777;stroke-dasharray:3,2}
.key{font-weight:bold}.k-regressed{color:#c00}.k-unstable{color:#e09000}.k-failed{color:#c00}
)";

// One background per outcome: the matrix cells, badges and list rows.
std::string OutcomeStyle() {
  std::string o;
  for (const OutcomeColour& c : OutcomeColours()) {
    const std::string name(CellOutcomeName(c.outcome));
    o += ".o-" + name + "{background:" + c.background + "}";
  }
  return o + "\n";
}

// Sorts a table by one column; numbers numerically, text otherwise.
constexpr const char* kScript = R"(
function sortTable(table, col, dir) {
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var asc = dir ? dir === 'asc' : table.tHead.rows[0].cells[col].getAttribute('data-dir') !== 'asc';
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function(h) { h.removeAttribute('data-dir'); });
  table.tHead.rows[0].cells[col].setAttribute('data-dir', asc ? 'asc' : 'desc');
  rows.sort(function(a, b) {
    var x = a.cells[col].textContent, y = b.cells[col].textContent;
    var nx = parseFloat(x), ny = parseFloat(y);
    var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
    return asc ? r : -r;
  });
  rows.forEach(function(r) { body.appendChild(r); });
}
document.querySelectorAll('table.sortable').forEach(function(t) {
  Array.prototype.forEach.call(t.tHead.rows[0].cells, function(th, i) {
    th.addEventListener('click', function() { sortTable(t, i); });
  });
});
(function() {
  var m = location.hash.match(/^#sort=(\d+)(desc)?$/);
  var t = document.getElementById('jobs');
  if (m && t) sortTable(t, parseInt(m[1], 10), m[2] ? 'desc' : 'asc');
})();
)";

bool IsNumeric(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

std::string Table(const std::string& id, const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& failed) {
  std::string o =
      "<table class=\"sortable\"" + (id.empty() ? "" : " id=\"" + id + "\"") + "><thead><tr>";
  for (const auto& h : header) o += "<th>" + HtmlEscape(h) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    o += r < failed.size() && failed[r] ? "<tr class=\"failed\">" : "<tr>";
    for (const auto& c : rows[r]) {
      o += IsNumeric(c) ? "<td>" : "<td class=\"text\">";
      o += HtmlEscape(c) + "</td>";
    }
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n";
}

// Charts of one model: latency and throughput vs batch, a series per
// precision (and backend, when the campaign has several).
std::string ModelCharts(const std::string& model, const std::vector<JobView>& jobs,
                        bool multi_backend) {
  std::map<std::pair<std::string, Precision>, ChartSeries> latency, throughput;
  for (const auto& v : jobs) {
    if (v.job.spec.model != model || !HasTrustedResult(v)) continue;
    const auto p = std::make_pair(v.job.spec.backend, v.job.spec.precision);
    latency[p].label = throughput[p].label =
        std::string(PrecisionName(p.second)) + (multi_backend ? " " + p.first : "");
    latency[p].points.push_back({double(v.job.spec.batch), v.result->latency.median_ms});
    throughput[p].points.push_back({double(v.job.spec.batch), v.result->throughput});
  }
  ChartSpec lat{model + ": median latency", "batch", "ms", {}, std::nullopt};
  ChartSpec thr{model + ": throughput", "batch", "inferences/s", {}, std::nullopt};
  for (auto& [p, s] : latency) lat.series.push_back(s);
  for (auto& [p, s] : throughput) thr.series.push_back(s);
  return "<div class=\"charts\">" + RenderLineChartSvg(lat) + RenderLineChartSvg(thr) + "</div>\n";
}

std::string RatioCharts(const HtmlExtras& extras) {
  std::vector<std::string> models;
  for (const auto& r : extras.ratios) {
    if (std::find(models.begin(), models.end(), r.model) == models.end()) models.push_back(r.model);
  }
  std::string o = "<h2>Ratio to baseline: " + HtmlEscape(extras.baseline_label) +
                  "</h2>\n<p>ours / baseline throughput; dashed line = target " +
                  FormatFixed(extras.target_ratio, 2) + "</p>\n<div class=\"charts\">";
  for (const auto& m : models) {
    std::map<std::string, ChartSeries> series;
    for (const auto& r : extras.ratios) {
      if (r.model != m) continue;
      series[r.precision].label = r.precision;
      series[r.precision].points.push_back({double(r.batch), r.ratio});
    }
    ChartSpec spec{m + ": ours / baseline", "batch", "throughput ratio", {}, extras.target_ratio};
    for (auto& [p, s] : series) spec.series.push_back(s);
    o += RenderLineChartSvg(spec);
  }
  return o + "</div>\n";
}

}  // namespace

std::vector<HtmlLayerRow> LayersForHtml(const std::vector<JobView>& jobs, size_t n) {
  std::vector<HtmlLayerRow> rows;
  for (const auto& v : jobs) {
    const std::string label = v.job.spec.model + " b" + std::to_string(v.job.spec.batch) + " " +
                              std::string(PrecisionName(v.job.spec.precision));
    for (const LayerProfile& l : TopLayers(v, n)) {
      rows.push_back({v.job.id, label, l.name, l.op_type, l.median_ms, l.share});
    }
  }
  return rows;
}

namespace {

// Per-layer top-N: the layers with the largest median time per job.
std::string LayerTopN(const HtmlExtras& extras) {
  std::map<int64_t, std::vector<const HtmlLayerRow*>> by_job;
  for (const auto& l : extras.layer_profiles) by_job[l.job].push_back(&l);
  std::string o =
      "<h2 id=\"layers\">Per-layer top " + std::to_string(extras.layer_top_n) + "</h2>\n";
  std::vector<std::vector<std::string>> rows;
  for (auto& [job, layers] : by_job) {
    std::stable_sort(
        layers.begin(), layers.end(),
        [](const HtmlLayerRow* a, const HtmlLayerRow* b) { return a->median_ms > b->median_ms; });
    for (size_t i = 0; i < layers.size() && static_cast<int>(i) < extras.layer_top_n; ++i) {
      const HtmlLayerRow& l = *layers[i];
      rows.push_back({std::to_string(job), l.job_label, std::to_string(i + 1), l.layer, l.op_type,
                      FormatFixed(l.median_ms, 3), FormatFixed(100 * l.share, 1)});
    }
  }
  return o + Table("layers", {"job", "case", "rank", "layer", "op_type", "median_ms", "share_%"},
                   rows, {});
}

std::string Summary(const CampaignRecord& c, const std::vector<JobView>& jobs) {
  int ok = 0, failed = 0;
  std::vector<std::string> devices;
  for (const auto& v : jobs) {
    if (HasTrustedResult(v)) ++ok;
    if (v.job.status == JobStatus::kFailed) ++failed;
    if (v.result && !v.result->device.name.empty() &&
        std::find(devices.begin(), devices.end(), v.result->device.name) == devices.end()) {
      devices.push_back(v.result->device.name);
    }
  }
  std::string dev;
  for (const auto& d : devices) dev += (dev.empty() ? "" : ", ") + d;
  return "<p class=\"summary\"><span>id " + std::to_string(c.id) + "</span><span>created " +
         HtmlEscape(c.created_at) + "</span><span>status " + HtmlEscape(c.status) +
         "</span><span>" + std::to_string(jobs.size()) + " jobs: " + std::to_string(ok) +
         " succeeded, " + std::to_string(failed) + " failed</span><span>device " +
         HtmlEscape(dev.empty() ? "-" : dev) + "</span></p>\n" +
         "<p>Latency: host wall time per inference including host&#8596;device transfers "
         "(schema/result-json.md). Failed jobs show -1.</p>\n";
}

// The navigation bar and the sections before #details.
std::string FirstScreen(const std::vector<JobView>& jobs, const HtmlExtras& extras) {
  const MorningReport m = extras.morning ? *extras.morning : BuildMorningReport(jobs, {});
  const std::string precision = HtmlPrecisionSection(jobs);
  const std::string backends = HtmlBackendsSection(jobs);
  std::string nav = "<nav><a href=\"#summary\">Summary</a><a href=\"#failures\">Failures (" +
                    std::to_string(m.Outcomes(CellOutcome::kFailed)) +
                    ")</a><a href=\"#regressions\">Regressions (" +
                    std::to_string(m.regressions.size()) + " + " +
                    std::to_string(m.below_baseline.size()) + " below baseline)</a>";
  if (extras.trends) nav += "<a href=\"#trends\">Trends</a>";
  if (!precision.empty()) nav += "<a href=\"#precision\">Precision</a>";
  if (!backends.empty()) nav += "<a href=\"#backends\">Backends</a>";
  nav += "<a href=\"#details\">Details</a><a href=\"#jobs\">Jobs</a></nav>\n";
  std::string o = nav + HtmlSummarySection(m) + HtmlFailuresSection(m) + HtmlRegressionsSection(m);
  if (extras.trends) o += HtmlTrendsSection(*extras.trends);
  return o + precision + backends;
}

}  // namespace

std::string RenderHtmlReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                             const HtmlExtras& extras) {
  const std::string title = "Campaign " + campaign.info.name;
  std::string o = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
                  HtmlEscape(title) + "</title>\n<style>" + kStyle + OutcomeStyle() +
                  "</style></head><body>\n";
  o += "<h1>" + HtmlEscape(title) + " <small>(id " + std::to_string(campaign.id) + ", " +
       HtmlEscape(campaign.created_at) + ")</small></h1>\n";
  o += FirstScreen(jobs, extras);
  o += "<section id=\"details\"><h2>Details</h2>\n" + Summary(campaign, jobs);
  o += "<h2>Latency and throughput vs batch</h2>\n";
  const PivotTable pivot = BuildPivot(jobs, PivotMetric::kMedianMs);
  std::vector<std::string> models;
  for (const auto& m : pivot.models) {
    if (std::find(models.begin(), models.end(), m) == models.end()) models.push_back(m);
  }
  for (const auto& m : models) o += ModelCharts(m, jobs, pivot.multi_backend);
  if (!extras.baseline_label.empty()) o += RatioCharts(extras);
  if (!extras.layer_profiles.empty()) o += LayerTopN(extras);

  o += "<h2>Median latency (ms) by model, batch and precision</h2>\n";
  std::vector<std::string> header = {"model"};
  if (pivot.multi_backend) header.push_back("backend");
  for (const auto& c : pivot.columns) header.push_back(c.Name());
  std::vector<std::vector<std::string>> rows;
  for (size_t m = 0; m < pivot.models.size(); ++m) {
    rows.push_back({pivot.models[m]});
    if (pivot.multi_backend) rows.back().push_back(pivot.backends[m]);
    for (const auto& cell : pivot.cells[m]) rows.back().push_back(PivotCellText(pivot, cell));
  }
  o += Table("pivot", header, rows, {});

  o += "<h2>Jobs</h2>\n<p>Click a column header to sort.</p>\n";
  rows.clear();
  std::vector<bool> failed;
  for (const auto& v : jobs) {
    rows.push_back(ReportRow(campaign, v));
    failed.push_back(v.job.status == JobStatus::kFailed);
  }
  o += Table("jobs", ReportColumns(), rows, failed) + "</section>\n";
  o += std::string("<script>") + kScript + "</script>\n</body></html>\n";
  return o;
}

}  // namespace campaign
