// `campaign run CAMPAIGN.yaml`: validate, record, convert, run, summarise.
// Running an unchanged YAML whose last campaign did not finish resumes it.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "orchestrator/cli/campaign_session.h"
#include "orchestrator/cli/commands.h"
#include "orchestrator/model/paths.h"
#include "orchestrator/report/campaign_baselines.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

struct RunOptions {
  std::string yaml;
  bool fresh = false;  // --new
  SessionOptions session;
};

// The latest campaign of this exact YAML that did not finish, if any.
std::optional<CampaignRecord> FindUnfinished(JobStore& store, const std::string& sha) {
  auto all = store.ListCampaigns();
  if (!all.ok()) return std::nullopt;
  for (auto it = all->rbegin(); it != all->rend(); ++it) {
    if (it->info.config_sha256 == sha) {
      if (it->status != "finished") return *it;
      return std::nullopt;  // the latest run of this YAML finished: start a new one
    }
  }
  return std::nullopt;
}

int RunCampaign(const RunOptions& opt) {
  // Everything that can be wrong with the input is checked before the store
  // is touched, so a bad campaign writes nothing.
  auto config = LoadCampaignConfig(opt.yaml);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  auto plan = PlanSession(*config, opt.session);
  if (!plan.ok()) {
    PrintError(plan.status().message());
    return kExitUsage;
  }
  const auto db_path = ResolveDbPath(opt.session.db);
  auto store = SqliteJobStore::Open(db_path);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitUsage;
  }
  if (!opt.fresh) {
    if (auto unfinished = FindUnfinished(**store, config->source_sha256)) {
      std::printf("resuming campaign %lld (%s, started %s, %s); use --new for a fresh one\n",
                  static_cast<long long>(unfinished->id), unfinished->info.name.c_str(),
                  unfinished->created_at.c_str(), unfinished->status.c_str());
      return ExecuteSession(**store, db_path, unfinished->id, *plan, opt.session, IsUnfinished,
                            /*reopen=*/true);
    }
  }
  const std::vector<JobSpec> specs = ExpandMatrix(plan->config);
  CampaignInfo info{config->name,
                    config->source_path.string(),
                    config->source_sha256,
                    config->source_text,
                    JoinSelectors(plan->config.devices),
                    BaselineSpecsToJson(config->baselines)};
  auto campaign_id = (*store)->CreateCampaign(info, specs);
  if (!campaign_id.ok()) {
    PrintError(campaign_id.status().message());
    return kExitFailure;
  }
  const size_t backends = std::max<size_t>(1, config->backends.size());
  const size_t product =
      config->models.size() * config->batches.size() * config->precisions.size() * backends;
  std::printf(
      "new campaign %lld: %zu models x %zu batch sizes x %zu precisions x %zu backends = %zu "
      "jobs%s\n",
      static_cast<long long>(*campaign_id), config->models.size(), config->batches.size(),
      config->precisions.size(), backends, specs.size(),
      product == specs.size() ? "" : " (per-model batch/precision lists change the count)");
  return ExecuteSession(**store, db_path, *campaign_id, *plan, opt.session, IsUnfinished,
                        /*reopen=*/false);
}

}  // namespace

std::string JoinSelectors(const std::vector<std::string>& selectors) {
  std::string s;
  for (const auto& d : selectors) s += (s.empty() ? "" : ",") + d;
  return s;
}

void AddRunCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("campaign", opt->yaml, "Campaign YAML file (schema/campaign-yaml.md)")
      ->required();
  sub->add_flag("--new", opt->fresh,
                "Start a new campaign even if the last run of this YAML did not finish");
  AddSessionOptions(sub, opt->session);
  sub->callback([opt, exit_code] { *exit_code = RunCampaign(*opt); });
}

}  // namespace campaign
