// `campaign status [CAMPAIGN]`: the matrix state of a campaign, one row per
// model and one column per batch x precision.
#include <cstdio>
#include <map>
#include <memory>

#include "orchestrator/cli/commands.h"
#include "orchestrator/cli/stored_campaign.h"
#include "orchestrator/model/paths.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

struct StatusOptions {
  std::string campaign;
  std::string db;
};

std::string Cell(const JobView& v) {
  const JobRecord& j = v.job;
  if (j.status == JobStatus::kSucceeded && v.result) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), "ok %.3fms", v.result->latency.median_ms);
    return buf;
  }
  if (j.status == JobStatus::kFailed) return "FAIL " + j.failure_reason;
  return std::string(JobStatusName(j.status));
}

int ShowStatus(const StatusOptions& opt) {
  auto stored = OpenStoredCampaign(opt.db, opt.campaign);
  if (!stored.ok()) {
    PrintError(stored.status().message());
    return kExitUsage;
  }
  const CampaignRecord* campaign = &stored->campaign;
  const std::vector<JobView>* jobs = &stored->jobs;
  std::map<std::string, int> counts;
  std::vector<std::string> models, columns;
  std::map<std::pair<std::string, std::string>, std::string> cells;
  for (const auto& v : *jobs) {
    const JobRecord& j = v.job;
    const std::string col =
        "b" + std::to_string(j.spec.batch) + "/" + std::string(PrecisionName(j.spec.precision));
    // One row per model, and per backend besides our engine.
    const std::string row =
        j.spec.backend == "opencl" ? j.spec.model : j.spec.model + " [" + j.spec.backend + "]";
    if (std::find(models.begin(), models.end(), row) == models.end()) models.push_back(row);
    if (std::find(columns.begin(), columns.end(), col) == columns.end()) columns.push_back(col);
    cells[{row, col}] = Cell(v);
    ++counts[std::string(JobStatusName(j.status))];
  }
  std::printf("campaign %lld '%s': %s, created %s%s%s\n", static_cast<long long>(campaign->id),
              campaign->info.name.c_str(), campaign->status.c_str(), campaign->created_at.c_str(),
              campaign->finished_at.empty() ? "" : ", finished ", campaign->finished_at.c_str());
  std::string summary;
  for (const char* s : {"succeeded", "failed", "running", "converting", "pending"}) {
    if (counts[s]) summary += (summary.empty() ? "" : ", ") + std::to_string(counts[s]) + " " + s;
  }
  std::printf("%zu jobs: %s\n\n", jobs->size(), summary.c_str());
  size_t w0 = 5;
  for (const auto& m : models) w0 = std::max(w0, m.size());
  std::vector<size_t> widths;
  for (const auto& c : columns) {
    size_t w = c.size();
    for (const auto& m : models) w = std::max(w, cells[{m, c}].size());
    widths.push_back(w);
  }
  std::printf("%-*s", static_cast<int>(w0), "model");
  for (size_t i = 0; i < columns.size(); ++i) {
    std::printf("  %-*s", static_cast<int>(widths[i]), columns[i].c_str());
  }
  std::printf("\n");
  for (const auto& m : models) {
    std::printf("%-*s", static_cast<int>(w0), m.c_str());
    for (size_t i = 0; i < columns.size(); ++i) {
      auto it = cells.find({m, columns[i]});
      std::printf("  %-*s", static_cast<int>(widths[i]),
                  it == cells.end() ? "" : it->second.c_str());
    }
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

void AddStatusCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<StatusOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("campaign", opt->campaign, "Campaign id or name (default: the latest)");
  sub->add_option("--db", opt->db,
                  "SQLite job store (default: $CAMPAIGN_DB, else results/campaign.db)");
  sub->callback([opt, exit_code] { *exit_code = ShowStatus(*opt); });
}

}  // namespace campaign
