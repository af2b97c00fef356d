#include "orchestrator/report/report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "orchestrator/report/morning_inputs.h"
#include "orchestrator/report/report_html.h"

namespace campaign {

namespace {

std::string Sci(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.3g", v);
  return buf;
}

nlohmann::json LatencyJson(const LatencyStats& s, bool trusted) {
  auto v = [&](double x) { return trusted ? x : -1.0; };
  return {{"mean_ms", v(s.mean_ms)}, {"median_ms", v(s.median_ms)}, {"min_ms", v(s.min_ms)},
          {"max_ms", v(s.max_ms)},   {"p90_ms", v(s.p90_ms)},       {"p95_ms", v(s.p95_ms)},
          {"p99_ms", v(s.p99_ms)},   {"stddev_ms", v(s.stddev_ms)}};
}

nlohmann::json JobJson(const CampaignRecord& campaign, const JobView& view) {
  const JobRecord& j = view.job;
  const bool trusted = HasTrustedResult(view);
  const RunResult* r = view.result ? &*view.result : nullptr;
  nlohmann::json o = {
      {"campaign", campaign.info.name},
      {"campaign_id", campaign.id},
      {"job", j.id},
      {"model", j.spec.model},
      {"batch", j.spec.batch},
      {"precision", std::string(PrecisionName(j.spec.precision))},
      {"backend", j.spec.backend},
      {"status", std::string(JobStatusName(j.status))},
      {"attempt", j.attempt},
      {"trusted", trusted},
      {"latency", LatencyJson(r ? r->latency : LatencyStats{}, trusted)},
      {"throughput", trusted ? r->throughput : -1.0},
      {"cov", trusted ? StabilityCov(*r) : -1.0},
      {"unstable", trusted ? nlohmann::json(r->measure.unstable) : nlohmann::json(nullptr)},
      {"stability_metric", r ? r->measure.stability_metric : ""},
      {"compute", LatencyJson(r ? r->compute : LatencyStats{}, trusted)},
      {"h2d", LatencyJson(r ? r->h2d : LatencyStats{}, trusted)},
      {"d2h", LatencyJson(r ? r->d2h : LatencyStats{}, trusted)},
      {"throughput_wall", trusted ? r->throughput_wall : -1.0},
      {"cold_ms", r ? r->measure.cold_ms : 0.0},
      {"trace", r ? r->trace_path : ""},
      {"iterations", r ? r->iterations : 0},
      {"warmup_iterations", r ? r->warmup_iterations : 0},
      {"load_ms", r ? r->load_ms : 0.0},
      {"peak_device_bytes", r ? r->peak_device_bytes : 0},
      {"device", r ? r->device.name : ""},
      {"compute_mode", r ? r->compute_mode : ""},
      {"reason", j.failure_reason},
      {"message", j.failure_message},
      {"log", j.log_path},
      {"started_at", j.started_at},
      {"finished_at", j.finished_at},
  };
  nlohmann::json top = nlohmann::json::array();
  for (const LayerProfile& l : TopLayers(view, kReportTopLayers)) {
    top.push_back({{"name", l.name},
                   {"op_type", l.op_type},
                   {"mean_ms", l.mean_ms},
                   {"median_ms", l.median_ms},
                   {"share", l.share}});
  }
  o["top_layers"] = std::move(top);
  if (r && !r->fingerprint.device_name.empty()) {
    o["fingerprint"] = nlohmann::json::parse(ToJson(*r)).at("fingerprint");
  }
  if (r && r->validation.checked) {
    const Validation& v = r->validation;
    o["accuracy"] = {{"max_abs_error", v.max_abs_error},
                     {"max_rel_error", v.max_rel_error},
                     {"cosine", v.cosine},
                     {"norm_rel_error", v.norm_rel_error},
                     {"tolerance", v.tolerance},
                     {"passed", v.passed}};
  } else {
    o["accuracy"] = nullptr;
  }
  // Against the exporting framework's stored output (PyTorch), when checked.
  if (r && r->framework_check.checked) {
    const FrameworkCheck& f = r->framework_check;
    o["framework_check"] = {
        {"output_file", f.output_file},     {"norm_rel_error", f.norm_rel_error},
        {"max_abs_error", f.max_abs_error}, {"cosine", f.cosine},
        {"tolerance", f.tolerance},         {"passed", f.passed}};
  } else {
    o["framework_check"] = nullptr;
  }
  return o;
}

}  // namespace

std::string FormatFixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

std::string MdCell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string MdTable(const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const auto& c : header) out += " " + MdCell(c) + " |";
  out += "\n|";
  for (size_t i = 0; i < header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& cell : row) out += " " + MdCell(cell) + " |";
    out += "\n";
  }
  return out;
}

std::optional<ReportFormat> ReportFormatFromName(const std::string& name) {
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "md" || name == "markdown") return ReportFormat::kMarkdown;
  if (name == "json") return ReportFormat::kJson;
  if (name == "html") return ReportFormat::kHtml;
  return std::nullopt;
}

bool HasTrustedResult(const JobView& view) {
  return view.job.status == JobStatus::kSucceeded && view.result.has_value();
}

double CoefficientOfVariation(const LatencyStats& s) {
  return s.mean_ms > 0 ? s.stddev_ms / s.mean_ms : 0.0;
}

double StabilityCov(const RunResult& r) {
  return r.measure.stability_metric == "compute" ? r.compute.cov
                                                 : CoefficientOfVariation(r.latency);
}

std::vector<LayerProfile> TopLayers(const JobView& view, size_t n) {
  if (!view.result) return {};
  std::vector<LayerProfile> layers = view.result->profile;
  std::stable_sort(layers.begin(), layers.end(), [](const LayerProfile& a, const LayerProfile& b) {
    return a.mean_ms > b.mean_ms;
  });
  if (layers.size() > n) layers.resize(n);
  return layers;
}

std::string TopLayersText(const JobView& view, size_t n) {
  std::string out;
  for (const LayerProfile& l : TopLayers(view, n)) {
    out += (out.empty() ? "" : "; ") + l.name + " " + FormatFixed(100 * l.share, 1) + "%";
  }
  return out;
}

const std::vector<std::string>& ReportColumns() {
  static const std::vector<std::string> kColumns = {"campaign",
                                                    "job",
                                                    "model",
                                                    "batch",
                                                    "precision",
                                                    "backend",
                                                    "status",
                                                    "attempt",
                                                    "median_ms",
                                                    "mean_ms",
                                                    "min_ms",
                                                    "max_ms",
                                                    "p99_ms",
                                                    "stddev_ms",
                                                    "cov",
                                                    "unstable",
                                                    "throughput",
                                                    "compute_ms",
                                                    "h2d_ms",
                                                    "d2h_ms",
                                                    "iterations",
                                                    "device",
                                                    "compute_mode",
                                                    "top_layers",
                                                    "max_abs_error",
                                                    "norm_rel_error",
                                                    "cosine",
                                                    "framework_norm_rel_error",
                                                    "framework_check",
                                                    "reason",
                                                    "message",
                                                    "log"};
  return kColumns;
}

std::vector<std::string> ReportRow(const CampaignRecord& campaign, const JobView& view) {
  const JobRecord& j = view.job;
  const bool trusted = HasTrustedResult(view);
  const RunResult* r = view.result ? &*view.result : nullptr;
  auto stat = [&](double v) { return trusted ? FormatFixed(v, 3) : std::string("-1"); };
  return {
      campaign.info.name,
      std::to_string(j.id),
      j.spec.model,
      std::to_string(j.spec.batch),
      std::string(PrecisionName(j.spec.precision)),
      j.spec.backend,
      std::string(JobStatusName(j.status)),
      std::to_string(j.attempt),
      stat(r ? r->latency.median_ms : 0),
      stat(r ? r->latency.mean_ms : 0),
      stat(r ? r->latency.min_ms : 0),
      stat(r ? r->latency.max_ms : 0),
      stat(r ? r->latency.p99_ms : 0),
      stat(r ? r->latency.stddev_ms : 0),
      trusted ? FormatFixed(StabilityCov(*r), 4) : "-1",
      trusted ? (r->measure.unstable ? "yes" : "no") : "",
      trusted ? FormatFixed(r->throughput, 2) : "-1",
      stat(r ? r->compute.median_ms : 0),
      stat(r ? r->h2d.median_ms : 0),
      stat(r ? r->d2h.median_ms : 0),
      r ? std::to_string(r->iterations) : "",
      r ? r->device.name : "",
      r ? r->compute_mode : "",
      trusted ? TopLayersText(view, kReportTopLayers) : "",
      r && r->validation.checked ? Sci(r->validation.max_abs_error) : "",
      r && r->validation.checked ? Sci(r->validation.norm_rel_error) : "",
      r && r->validation.checked ? FormatFixed(r->validation.cosine, 6) : "",
      r && r->framework_check.checked ? Sci(r->framework_check.norm_rel_error) : "",
      r && r->framework_check.checked ? (r->framework_check.passed ? "passed" : "FAILED") : "",
      j.failure_reason,
      j.failure_message,
      j.log_path,
  };
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + CsvField(fields[i]);
  return out + "\n";
}

std::string RenderJsonReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                             const MorningReport& morning) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& v : jobs) arr.push_back(JobJson(campaign, v));
  nlohmann::json o = nlohmann::json::parse(RenderMorningJson(morning));
  o["campaign"] = {{"id", campaign.id},
                   {"name", campaign.info.name},
                   {"created_at", campaign.created_at},
                   {"status", campaign.status}};
  o["jobs"] = std::move(arr);
  // Invalid UTF-8 from older stores is replaced (U+FFFD), never thrown.
  return o.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string RenderReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                         ReportFormat format, const MorningReport* morning) {
  std::optional<MorningReport> own;
  if (!morning && format != ReportFormat::kCsv) {
    own = BuildMorningReport(jobs, {});
    morning = &*own;
  }
  switch (format) {
    case ReportFormat::kJson:
      return RenderJsonReport(campaign, jobs, *morning);
    case ReportFormat::kHtml: {
      HtmlExtras extras;
      extras.morning = *morning;
      return RenderHtmlReport(campaign, jobs, extras);
    }
    case ReportFormat::kCsv: {
      std::string out = CsvLine(ReportColumns());
      for (const auto& v : jobs) out += CsvLine(ReportRow(campaign, v));
      return out;
    }
    case ReportFormat::kMarkdown:
      break;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : jobs) rows.push_back(ReportRow(campaign, v));
  return "# Campaign " + MdCell(campaign.info.name) + " (id " + std::to_string(campaign.id) + ", " +
         campaign.created_at + ", " + campaign.status + ")\n\n" + RenderMorningMarkdown(*morning) +
         "## Jobs\n\n" + MdTable(ReportColumns(), rows);
}

}  // namespace campaign
