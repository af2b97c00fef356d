// `campaign resume [CAMPAIGN]` and `campaign rerun --failed`: run a stored
// campaign again, from the YAML text stored with it.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <sstream>

#include "orchestrator/cli/campaign_session.h"
#include "orchestrator/cli/commands.h"
#include "orchestrator/cli/stored_campaign.h"
#include "orchestrator/model/paths.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

struct StoredOptions {
  std::string campaign;  // id or name; "" = latest
  bool failed = false;   // rerun --failed
  std::string reasons;   // rerun --reason a,b
  std::string model;     // rerun --model
  SessionOptions session;
};

struct Loaded {
  std::unique_ptr<SqliteJobStore> store;
  std::filesystem::path db_path;
  CampaignRecord campaign;
  SessionPlan plan;
};

// Opens the store, finds the campaign and re-validates its stored YAML (the
// model files must still be there).
Result<Loaded> LoadStored(const StoredOptions& opt) {
  Loaded l;
  ASSIGN_OR_RETURN(StoredCampaign stored, OpenStoredCampaign(opt.session.db, opt.campaign));
  l.store = std::move(stored.store);
  l.db_path = stored.db_path;
  l.campaign = stored.campaign;
  auto config = ParseCampaignConfig(l.campaign.info.config_text, l.campaign.info.config_path);
  if (!config.ok()) {
    return config.status().WithContext("campaign " + std::to_string(l.campaign.id) +
                                       "'s stored YAML no longer validates");
  }
  ASSIGN_OR_RETURN(l.plan, PlanSession(*config, opt.session));
  return l;
}

std::set<std::string> SplitList(const std::string& s) {
  std::set<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.insert(item);
  }
  return out;
}

int Resume(const StoredOptions& opt) {
  auto l = LoadStored(opt);
  if (!l.ok()) {
    PrintError(l.status().message());
    return kExitUsage;
  }
  // A finished campaign with nothing left to run stays as it is: reopening
  // it would overwrite its finished_at (issue 16).
  if (l->campaign.status == "finished") {
    auto jobs = l->store->ListJobs(l->campaign.id);
    if (!jobs.ok()) {
      PrintError(jobs.status().message());
      return kExitFailure;
    }
    if (std::none_of(jobs->begin(), jobs->end(),
                     [](const JobView& v) { return IsUnfinished(v.job); })) {
      std::printf(
          "campaign %lld finished at %s; every job has a result, nothing to resume (run the "
          "failed ones again with: campaign rerun --failed %lld)\n",
          static_cast<long long>(l->campaign.id), l->campaign.finished_at.c_str(),
          static_cast<long long>(l->campaign.id));
      return kExitOk;
    }
  }
  return ExecuteSession(*l->store, l->db_path, l->campaign.id, l->plan, opt.session, IsUnfinished,
                        /*reopen=*/true);
}

int Rerun(const StoredOptions& opt) {
  if (!opt.failed) {
    PrintError("rerun needs --failed (rerun the failed jobs; narrow with --reason, --model)");
    return kExitUsage;
  }
  const std::set<std::string> reasons = SplitList(opt.reasons);
  for (const auto& r : reasons) {
    if (!ReasonFromName(r)) {
      PrintError("unknown failure reason '" + r +
                 "'; reasons are e.g. crash, timeout, runtime_error, accuracy, unsupported_op "
                 "(README)");
      return kExitUsage;
    }
  }
  auto l = LoadStored(opt);
  if (!l.ok()) {
    PrintError(l.status().message());
    return kExitUsage;
  }
  auto jobs = l->store->ListJobs(l->campaign.id);
  if (!jobs.ok()) {
    PrintError(jobs.status().message());
    return kExitFailure;
  }
  // Chosen before anything changes: the failed jobs as they are now.
  std::set<int64_t> ids;
  for (const auto& v : *jobs) {
    const JobRecord& j = v.job;
    if (j.status != JobStatus::kFailed) continue;
    if (!reasons.empty() && !reasons.count(j.failure_reason)) continue;
    if (!opt.model.empty() && j.spec.model != opt.model) continue;
    ids.insert(j.id);
  }
  if (ids.empty()) {
    std::printf("campaign %lld has no failed jobs matching the selection; nothing to rerun\n",
                static_cast<long long>(l->campaign.id));
    return kExitOk;
  }
  return ExecuteSession(
      *l->store, l->db_path, l->campaign.id, l->plan, opt.session,
      [ids](const JobRecord& j) { return ids.count(j.id) > 0; },
      /*reopen=*/true);
}

}  // namespace

void AddResumeCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<StoredOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("campaign", opt->campaign, "Campaign id or name (default: the latest)");
  AddSessionOptions(sub, opt->session);
  sub->callback([opt, exit_code] { *exit_code = Resume(*opt); });
}

void AddRerunCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<StoredOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_flag("--failed", opt->failed, "Rerun the campaign's failed jobs (required)");
  sub->add_option("--campaign", opt->campaign, "Campaign id or name (default: the latest)");
  sub->add_option("--reason", opt->reasons,
                  "Only jobs that failed for these reasons, comma-separated (e.g. crash,timeout)");
  sub->add_option("--model", opt->model, "Only jobs of this model");
  AddSessionOptions(sub, opt->session);
  sub->callback([opt, exit_code] { *exit_code = Rerun(*opt); });
}

}  // namespace campaign
