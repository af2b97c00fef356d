#include "orchestrator/report/report.h"

#include <cstdio>

namespace campaign {

namespace {

std::string Num(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

std::string Sci(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.3g", v);
  return buf;
}

std::string MdCell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

std::optional<ReportFormat> ReportFormatFromName(const std::string& name) {
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "md" || name == "markdown") return ReportFormat::kMarkdown;
  return std::nullopt;
}

const std::vector<std::string>& ReportColumns() {
  static const std::vector<std::string> kColumns = {
      "campaign", "job",        "model",     "batch",      "precision", "status",
      "attempt",  "median_ms",  "mean_ms",   "min_ms",     "max_ms",    "p99_ms",
      "throughput", "iterations", "device",  "max_abs_error", "cosine", "reason",
      "message",  "log"};
  return kColumns;
}

std::vector<std::string> ReportRow(const CampaignRecord& campaign, const JobView& view) {
  const JobRecord& j = view.job;
  const bool trusted = j.status == JobStatus::kSucceeded && view.result.has_value();
  const RunResult* r = view.result ? &*view.result : nullptr;
  auto stat = [&](double v) { return trusted ? Num(v) : std::string("-1"); };
  std::vector<std::string> row = {
      campaign.info.name,
      std::to_string(j.id),
      j.spec.model,
      std::to_string(j.spec.batch),
      std::string(PrecisionName(j.spec.precision)),
      std::string(JobStatusName(j.status)),
      std::to_string(j.attempt),
      stat(r ? r->latency.median_ms : 0),
      stat(r ? r->latency.mean_ms : 0),
      stat(r ? r->latency.min_ms : 0),
      stat(r ? r->latency.max_ms : 0),
      stat(r ? r->latency.p99_ms : 0),
      trusted ? Num(r->throughput, 2) : "-1",
      r ? std::to_string(r->iterations) : "",
      r ? r->device.name : "",
      r && r->validation.checked ? Sci(r->validation.max_abs_error) : "",
      r && r->validation.checked ? Num(r->validation.cosine, 6) : "",
      j.failure_reason,
      j.failure_message,
      j.log_path,
  };
  return row;
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

std::string RenderReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                         ReportFormat format) {
  std::string out;
  const auto& cols = ReportColumns();
  if (format == ReportFormat::kCsv) {
    for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
    out += "\n";
    for (const auto& v : jobs) {
      auto row = ReportRow(campaign, v);
      for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + CsvField(row[i]);
      out += "\n";
    }
    return out;
  }
  out += "# Campaign " + MdCell(campaign.info.name) + " (id " + std::to_string(campaign.id) +
         ", " + campaign.created_at + ", " + campaign.status + ")\n\n|";
  for (const auto& c : cols) out += " " + c + " |";
  out += "\n|";
  for (size_t i = 0; i < cols.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& v : jobs) {
    out += "|";
    for (const auto& cell : ReportRow(campaign, v)) out += " " + MdCell(cell) + " |";
    out += "\n";
  }
  return out;
}

}  // namespace campaign
