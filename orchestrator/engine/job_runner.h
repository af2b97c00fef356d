// JobRunner: the stages of one attempt of one job.
//
//   Prepare     (a CPU worker)  starts the attempt in the store and finds the
//                               engine: a cache hit, or a `campaign convert`
//                               subprocess that writes it into the cache;
//   RunOnDevice (a device worker) runs a campaign-runner subprocess on one
//                               device, or a command backend's vendor tool
//                               (orchestrator/command_backend.h; the engine
//                               stage is skipped unless it uses {engine});
//   Finish                      records how the attempt ended.
// Each subprocess runs isolated, under its stage's timeout, its output
// appended to the attempt's log. Only store failures are returned as errors:
// whatever happens to a child becomes a JobOutcome.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/status.h"
#include "orchestrator/config/campaign_config.h"
#include "orchestrator/engine/interrupt.h"
#include "orchestrator/engine/process_launcher.h"
#include "orchestrator/model/backend_spec.h"
#include "orchestrator/model/paths.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

struct JobRunnerConfig {
  std::filesystem::path convert_binary;  // the `campaign` binary (runs `campaign convert`)
  std::filesystem::path runner_binary;   // campaign-runner (or a stand-in, in tests)
  ResultsLayout layout;                  // logs, engine cache, result files
  MeasureConfig measure;                 // the runner's measurement flags
  std::chrono::milliseconds convert_timeout{std::chrono::minutes(10)};
  std::chrono::milliseconds run_timeout{std::chrono::minutes(10)};
  const Interrupt* interrupt = nullptr;  // kills children when it says so; may be null
  // Command backends by name (jobs whose spec.backend is not "opencl").
  std::map<std::string, BackendSpec> backends;
  std::filesystem::path campaign_dir;  // {campaign_dir} of command templates
  CalibrationSpec calibration;         // int8 conversions (campaign `calibration:`)
  // The validation tolerance of a job (ToleranceFor of its campaign), passed
  // to the runner as --tolerance and --framework-tolerance; null: the
  // runner's defaults.
  std::function<double(const JobSpec&)> tolerance;
};

// An attempt in progress.
struct Attempt {
  JobRecord job;                 // the job as it was when the attempt began
  int number = 0;                // 1-based attempt number
  std::filesystem::path log;     // this attempt's log
  std::filesystem::path engine;  // set when the engine is ready
  bool cache_hit = false;
  // fp16/int8 jobs: the fp32 engine of the same model and batch, whose CPU
  // reference validates this job's engine (--reference-engine).
  std::filesystem::path reference_engine;
};

class JobRunner {
 public:
  // `store` and `launcher` must outlive this object. Thread-safe: Prepare
  // and RunOnDevice may run on several threads at once (for different jobs).
  JobRunner(JobStore& store, ProcessLauncher& launcher, JobRunnerConfig config);

  // Begins attempt `job.attempt + 1` and prepares its engine. On success
  // `*failure` is empty; otherwise it holds why (the attempt stays open until
  // Finish).
  Result<Attempt> Prepare(const JobRecord& job, std::optional<JobOutcome>* failure);

  // Runs the prepared attempt on `device` (a runner --device selector). An
  // unstable result (CoV above measure.max_cov) is measured again, up to
  // measure.repeat_unstable times; the last measurement is kept, with the
  // number of repeats in result.measure.repeats.
  Result<JobOutcome> RunOnDevice(const Attempt& attempt, const std::string& device);

  // Records the outcome and closes the attempt.
  Status Finish(const Attempt& attempt, const JobOutcome& outcome);

  // The log path of attempt `number` of `job`.
  std::filesystem::path LogPathFor(const JobRecord& job, int number) const;

 private:
  std::optional<JobOutcome> PrepareEngine(Attempt& attempt);
  // Finds (cache hit) or converts the engine of the attempt's job at
  // `precision` into *path; `what` names it in the log ("engine").
  std::optional<JobOutcome> EnsureEngine(const Attempt& attempt, Precision precision,
                                         const std::string& what, std::filesystem::path* path,
                                         bool* cache_hit);
  // The command backend of the job; nullptr for our engine; a failure when
  // the campaign does not define it.
  Result<const BackendSpec*> CommandBackendOf(const JobRecord& job) const;
  JobOutcome RunCommand(const Attempt& attempt, const BackendSpec& backend,
                        const std::string& device);
  Result<std::string> ModelSha256(const std::filesystem::path& model);
  // The campaign-runner command line for one measurement.
  std::vector<std::string> RunnerArgv(const Attempt& a, const std::string& device,
                                      const std::filesystem::path& result) const;

  JobStore& store_;
  ProcessLauncher& launcher_;
  JobRunnerConfig config_;
  std::mutex sha_mu_;
  std::map<std::string, std::string> sha_cache_;  // "path|size|mtime" -> sha256
};

}  // namespace campaign
