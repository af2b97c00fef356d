// JobRunner: one attempt of one job, from engine to stored outcome.
//
// Stages: (1) engine: a cache hit, or a `campaign convert` subprocess that
// writes the engine into the cache; (2) run: a campaign-runner subprocess on
// the device. Each stage runs isolated, under the job's timeout, with its
// output appended to the attempt's log. Whatever happens to a child, the
// attempt ends recorded in the store with a reason; only a store failure is
// returned as an error (then nothing more can be recorded).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "common/status.h"
#include "orchestrator/paths.h"
#include "orchestrator/process_launcher.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

struct JobRunnerConfig {
  std::filesystem::path convert_binary;  // the `campaign` binary (runs `campaign convert`)
  std::filesystem::path runner_binary;   // campaign-runner (or a stand-in, in tests)
  ResultsLayout layout;                  // logs, engine cache, result files
  std::string device = "auto";           // passed to the runner's --device
  int warmup = 10;                       // runner --warmup
  int iterations = 50;                   // runner --iterations
  std::chrono::milliseconds timeout{std::chrono::minutes(10)};  // per stage
};

class JobRunner {
 public:
  // `store` and `launcher` must outlive this object.
  JobRunner(JobStore& store, ProcessLauncher& launcher, JobRunnerConfig config);

  // Runs and records one attempt. Thread-compatible (one call at a time).
  Result<JobOutcome> RunAttempt(const JobRecord& job);

  // The log path this attempt of `job` writes to.
  std::filesystem::path LogPathFor(const JobRecord& job, int attempt) const;

 private:
  // Sets *engine on success; returns the failure outcome otherwise.
  std::optional<JobOutcome> PrepareEngine(const JobRecord& job, const std::filesystem::path& log,
                                          std::filesystem::path* engine, bool* cache_hit);
  JobOutcome RunOnDevice(const JobRecord& job, int attempt, const std::filesystem::path& engine,
                         const std::filesystem::path& log);

  JobStore& store_;
  ProcessLauncher& launcher_;
  JobRunnerConfig config_;
};

}  // namespace campaign
