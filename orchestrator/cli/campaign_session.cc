#include "orchestrator/cli/campaign_session.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "common/file_lock.h"
#include "common/shell_quote.h"
#include "converter/fix_shapes.h"
#include "converter/model_io.h"
#include "orchestrator/cli/commands.h"
#include "orchestrator/engine/devices.h"
#include "orchestrator/engine/interrupt.h"
#include "orchestrator/engine/process_launcher.h"
#include "orchestrator/engine/progress.h"
#include "orchestrator/model/paths.h"

namespace campaign {

Result<SessionPlan> PlanSession(CampaignConfig config, const SessionOptions& opt) {
  if (!opt.devices.empty()) config.devices = opt.devices;
  if (opt.warmup >= 0) config.measure.warmup = opt.warmup;
  if (opt.iterations > 0) config.measure.iterations = opt.iterations;
  SessionPlan plan;
  ASSIGN_OR_RETURN(plan.runner, ResolveRunner(opt.runner));
  BoostProcessLauncher launcher;
  ASSIGN_OR_RETURN(std::vector<ResolvedDevice> devices,
                   ResolveDevices(launcher, plan.runner, config.devices));
  for (const auto& d : devices) {
    plan.devices.push_back(d.selector);
    plan.device_names.push_back(d.name + " (" + d.selector + ")");
  }
  // A corrupt model is bad input: refused before anything is written. (A
  // model that parses but cannot be converted is a failed job instead.)
  for (const auto& m : config.models) {
    auto loaded = converter::LoadModel(m.path);
    if (!loaded.ok()) {
      return Status::Error(Reason::kInvalidModel,
                           "model '" + m.name + "': " + loaded.status().message());
    }
    // A bad `inputs:` entry would fail every job of the model; refuse it now.
    Status inputs = converter::CheckInputOverrides(loaded->model, m.inputs);
    if (!inputs.ok()) {
      return Status::Error(Reason::kInvalidConfig, "model '" + m.name + "' (" + m.path.string() +
                                                       "): inputs: " + inputs.message());
    }
  }
  plan.config = std::move(config);
  return plan;
}

int ExecuteSession(JobStore& store, const std::filesystem::path& db_path, int64_t campaign_id,
                   const SessionPlan& plan, const SessionOptions& opt, const JobFilter& select,
                   bool reopen) {
  const ResultsLayout layout = LayoutForDb(db_path);
  auto lock =
      FileLock::TryAcquire(layout.locks() / ("campaign-" + std::to_string(campaign_id) + ".lock"),
                           "campaign " + std::to_string(campaign_id));
  if (!lock.ok()) {
    PrintError(lock.status().message());
    return kExitFailure;
  }
  if (reopen) {
    auto reset = store.ReopenCampaign(campaign_id);
    if (!reset.ok()) {
      PrintError(reset.status().message());
      return kExitFailure;
    }
    if (*reset > 0) {
      std::printf("%d interrupted job(s) will run again\n", *reset);
    }
  }
  auto jobs = store.ListJobs(campaign_id);
  if (!jobs.ok()) {
    PrintError(jobs.status().message());
    return kExitFailure;
  }
  const int selected = static_cast<int>(
      std::count_if(jobs->begin(), jobs->end(), [&](const JobView& v) { return select(v.job); }));
  std::string devices;
  for (const auto& n : plan.device_names) devices += (devices.empty() ? "" : ", ") + n;
  std::printf("campaign '%s' (id %lld): %d of %zu jobs to run on %s\n", plan.config.name.c_str(),
              static_cast<long long>(campaign_id), selected, jobs->size(), devices.c_str());
  std::printf("store: %s\n", db_path.c_str());
  std::fflush(stdout);

  Interrupt interrupt;
  interrupt.Install();
  JobRunnerConfig rc;
  rc.convert_binary = SelfPath();
  rc.runner_binary = plan.runner;
  rc.layout = layout;
  rc.measure = plan.config.measure;
  rc.convert_timeout =
      std::chrono::milliseconds(static_cast<int64_t>(plan.config.convert_timeout_s * 1000));
  rc.run_timeout = std::chrono::milliseconds(static_cast<int64_t>(plan.config.timeout_s * 1000));
  rc.interrupt = &interrupt;
  rc.campaign_dir = plan.config.source_path.parent_path();
  rc.calibration = plan.config.calibration;
  rc.tolerance = [&config = plan.config](const JobSpec& spec) {
    return ToleranceFor(config, spec.model, spec.precision);
  };
  for (const auto& b : plan.config.backends) {
    if (b.is_command()) rc.backends[b.name] = b;
  }
  BoostProcessLauncher launcher;
  JobRunner job_runner(store, launcher, rc);
  SchedulerOptions so;
  so.devices = plan.devices;
  so.convert_workers = opt.convert_workers;
  so.retries = plan.config.retries;
  so.interrupt = &interrupt;
  ProgressPrinter printer(stdout, ::isatty(STDOUT_FILENO) == 1, selected);
  Scheduler scheduler(store, job_runner, so, [&](const ProgressEvent& e) { printer.OnEvent(e); });
  auto summary = scheduler.Run(campaign_id, select);
  printer.Close();
  interrupt.Uninstall();
  if (!summary.ok()) {
    PrintError(summary.status().message());
    return kExitFailure;
  }
  std::printf(
      "%s: %d jobs run, %d succeeded, %d failed%s\n", summary->interrupted ? "interrupted" : "done",
      summary->succeeded + summary->failed, summary->succeeded, summary->failed,
      summary->retried ? (", " + std::to_string(summary->retried) + " retries").c_str() : "");
  const std::string db_arg = opt.db.empty() ? "" : " --db " + ShellQuote(opt.db);
  if (summary->interrupted) {
    std::printf("resume with: campaign resume %lld%s\n", static_cast<long long>(campaign_id),
                db_arg.c_str());
    return 130;
  }
  std::printf("report: campaign report --campaign %lld --format=csv%s\n",
              static_cast<long long>(campaign_id), db_arg.c_str());
  return kExitOk;
}

void AddSessionOptions(CLI::App* sub, SessionOptions& opt) {
  sub->add_option("--db", opt.db,
                  "SQLite job store (default: $CAMPAIGN_DB, else results/campaign.db)");
  sub->add_option("--device", opt.devices,
                  "OpenCL device(s): auto, gpu, cpu, all, an index, P:D or a name substring; "
                  "repeatable (overrides the YAML)");
  sub->add_option("--runner", opt.runner,
                  "Runner executable (default: $CAMPAIGN_RUNNER, else campaign-runner next to "
                  "this binary)");
  sub->add_option("-j,--jobs", opt.convert_workers, "Parallel conversions (default 1)")
      ->check(CLI::Range(1, 64));
  sub->add_option("--warmup", opt.warmup, "Warm-up iterations (overrides the YAML)")
      ->check(CLI::Range(0, 1000000));
  sub->add_option("--iterations", opt.iterations, "Timed iterations (overrides the YAML)")
      ->check(CLI::Range(1, 1000000));
}

}  // namespace campaign
