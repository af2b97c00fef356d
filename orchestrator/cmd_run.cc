// `campaign run CAMPAIGN.yaml`: validate, record, convert, run, summarise.
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "orchestrator/commands.h"
#include "orchestrator/config/campaign_config.h"
#include "orchestrator/paths.h"
#include "orchestrator/scheduler.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

struct RunOptions {
  std::string yaml;
  std::string db;
  std::string device;
  std::string runner;
  int warmup = -1;
  int iterations = -1;
};

void PrintProgress(const ProgressEvent& e) {
  const JobRecord& j = *e.job;
  if (e.kind == ProgressEvent::kStart) {
    std::printf("[%d/%d] %s b%d %s ...\n", e.index, e.count, j.spec.model.c_str(), j.spec.batch,
                std::string(PrecisionName(j.spec.precision)).c_str());
  } else {
    std::printf("[%d/%d] %s\n", e.index, e.count, DescribeJobEnd(j, *e.outcome).c_str());
    if (!e.outcome->succeeded) {
      std::printf("        log: %s\n", e.log_path.c_str());
    }
  }
  std::fflush(stdout);
}

int RunCampaign(const RunOptions& opt) {
  // Everything that can be wrong with the input is checked before the store
  // is touched, so a bad campaign writes nothing.
  auto config = LoadCampaignConfig(opt.yaml);
  if (!config.ok()) {
    PrintError(config.status().message());
    return kExitUsage;
  }
  if (!opt.device.empty()) config->device = opt.device;
  if (opt.warmup >= 0) config->measure.warmup = opt.warmup;
  if (opt.iterations > 0) config->measure.iterations = opt.iterations;
  auto runner_path = ResolveRunner(opt.runner);
  if (!runner_path.ok()) {
    PrintError(runner_path.status().message());
    return kExitUsage;
  }
  const auto db_path = ResolveDbPath(opt.db);
  auto store = SqliteJobStore::Open(db_path);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitUsage;
  }
  const std::vector<JobSpec> specs = ExpandMatrix(*config);
  CampaignInfo info{config->name, config->source_path.string(), config->source_sha256,
                    config->source_text, config->device};
  auto campaign_id = (*store)->CreateCampaign(info, specs);
  if (!campaign_id.ok()) {
    PrintError(campaign_id.status().message());
    return kExitFailure;
  }
  std::printf("campaign '%s' (id %lld): %zu models x %zu batch sizes x %zu precisions = %zu jobs\n",
              config->name.c_str(), static_cast<long long>(*campaign_id), config->models.size(),
              config->batches.size(), config->precisions.size(), specs.size());
  std::printf("store: %s, device: %s\n", db_path.c_str(), config->device.c_str());
  std::fflush(stdout);

  JobRunnerConfig rc;
  rc.convert_binary = SelfPath();
  rc.runner_binary = *runner_path;
  rc.layout = LayoutForDb(db_path);
  rc.device = config->device;
  rc.warmup = config->measure.warmup;
  rc.iterations = config->measure.iterations;
  rc.timeout = std::chrono::milliseconds(static_cast<int64_t>(config->timeout_s * 1000));
  BoostProcessLauncher launcher;
  JobRunner job_runner(**store, launcher, rc);
  Scheduler scheduler(**store, job_runner, PrintProgress);
  auto summary = scheduler.Run(*campaign_id);
  if (!summary.ok()) {
    PrintError(summary.status().message());
    return kExitFailure;
  }
  std::printf("done: %d jobs, %d succeeded, %d failed\n", summary->total, summary->succeeded,
              summary->failed);
  std::printf("report: campaign report --campaign %lld --format=csv%s\n",
              static_cast<long long>(*campaign_id),
              opt.db.empty() ? "" : (" --db " + opt.db).c_str());
  return kExitOk;
}

}  // namespace

void AddRunCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("campaign", opt->yaml, "Campaign YAML file (schema/campaign-yaml.md)")
      ->required();
  sub->add_option("--db", opt->db,
                  "SQLite job store (default: $CAMPAIGN_DB, else results/campaign.db)");
  sub->add_option("--device", opt->device,
                  "OpenCL device: auto, gpu, cpu, an index, P:D or a name substring "
                  "(overrides the YAML)");
  sub->add_option("--runner", opt->runner,
                  "Runner executable (default: $CAMPAIGN_RUNNER, else campaign-runner next to "
                  "this binary)");
  sub->add_option("--warmup", opt->warmup, "Warm-up iterations (overrides the YAML)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--iterations", opt->iterations, "Timed iterations (overrides the YAML)")
      ->check(CLI::PositiveNumber);
  sub->callback([opt, exit_code] { *exit_code = RunCampaign(*opt); });
}

}  // namespace campaign
