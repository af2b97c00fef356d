#include "orchestrator/report/history.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "orchestrator/report/report.h"

namespace campaign {

namespace {

std::vector<std::string> Cells(const HistoryRow& r) {
  const bool trusted = HasTrustedResult(r.job);
  return {std::to_string(r.campaign.id),
          r.campaign.info.name,
          r.campaign.created_at,
          r.job.job.spec.model,
          std::to_string(r.job.job.spec.batch),
          std::string(PrecisionName(r.job.job.spec.precision)),
          r.job.job.spec.backend,
          std::string(JobStatusName(r.job.job.status)),
          trusted ? FormatFixed(r.job.result->latency.median_ms, 3) : "-1",
          trusted ? FormatFixed(r.job.result->latency.stddev_ms, 3) : "-1",
          trusted ? FormatFixed(r.job.result->throughput, 2) : "-1",
          r.change ? (*r.change >= 0 ? "+" : "") + FormatFixed(*r.change * 100, 1) + "%" : "",
          r.job.job.failure_reason};
}

}  // namespace

Result<std::vector<HistoryRow>> CollectHistory(JobStore& store, const HistoryFilter& filter) {
  ASSIGN_OR_RETURN(std::vector<CampaignRecord> campaigns, store.ListCampaigns());
  std::vector<HistoryRow> rows;
  std::set<std::string> models;
  // Previous trusted median per case (batch, precision, backend).
  std::map<std::tuple<int, Precision, std::string>, double> last;
  for (const auto& c : campaigns) {
    ASSIGN_OR_RETURN(std::vector<JobView> jobs, store.ListJobs(c.id));
    for (auto& v : jobs) {
      const JobSpec& s = v.job.spec;
      models.insert(s.model);
      if (s.model != filter.model) continue;
      if (filter.batch && s.batch != *filter.batch) continue;
      if (filter.precision && s.precision != *filter.precision) continue;
      if (filter.backend && s.backend != *filter.backend) continue;
      HistoryRow row{c, v, std::nullopt};
      const auto key = std::make_tuple(s.batch, s.precision, s.backend);
      if (HasTrustedResult(v)) {
        const double median = v.result->latency.median_ms;
        if (auto it = last.find(key); it != last.end() && it->second > 0) {
          row.change = median / it->second - 1;
        }
        last[key] = median;
      }
      rows.push_back(std::move(row));
    }
  }
  if (rows.empty()) {
    std::string known;
    for (const auto& m : models) known += (known.empty() ? "" : ", ") + m;
    return Status::Error(
        Reason::kNotFound,
        "no job of model '" + filter.model + "'" +
            (filter.batch ? " batch " + std::to_string(*filter.batch) : "") +
            (filter.precision ? " " + std::string(PrecisionName(*filter.precision)) : "") +
            " in any campaign; models in the store: " + (known.empty() ? "(none)" : known));
  }
  return rows;
}

const std::vector<std::string>& HistoryColumns() {
  static const std::vector<std::string> kColumns = {
      "campaign_id", "campaign",  "date",      "model",      "batch",  "precision", "backend",
      "status",      "median_ms", "stddev_ms", "throughput", "change", "reason"};
  return kColumns;
}

std::string RenderHistoryCsv(const std::vector<HistoryRow>& rows) {
  std::string out = CsvLine(HistoryColumns());
  for (const auto& r : rows) out += CsvLine(Cells(r));
  return out;
}

std::string RenderHistoryMarkdown(const std::vector<HistoryRow>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) cells.push_back(Cells(r));
  return MdTable(HistoryColumns(), cells);
}

}  // namespace campaign
