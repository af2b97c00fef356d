// Test helpers: campaigns written through the real SqliteJobStore, with
// failures of any reason, retries, unstable and disturbed results, a device
// fingerprint, stored `baselines:` and a log file per job.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/file_util.h"
#include "orchestrator/model/backend_spec.h"
#include "orchestrator/store/job_store.h"

namespace campaign::testing {

struct StoredJob {
  std::string model;
  int batch = 1;
  Precision precision = Precision::kFp32;
  std::optional<double> median;  // nullopt: the job failed with `reason`
  double stddev = 0.01;
  Reason reason = Reason::kOk;
  std::string message;
  int attempts = 1;
  bool unstable = false;
  std::string preflight;  // measure.preflight
  std::string backend = kOpenclBackend;
};

struct StoredCampaignSpec {
  std::string name = "nightly";
  std::vector<StoredJob> jobs;
  std::string device = "NVIDIA H100 80GB HBM3";
  std::string driver = "550.54.15";
  std::string baselines;  // campaigns.baselines JSON ("" = none)
};

// Writes a finished campaign; each job's log is `log_dir`/c<id>/<job>.log and
// exists. Returns the campaign id.
inline int64_t WriteStoredCampaign(JobStore& store, const StoredCampaignSpec& c,
                                   const std::filesystem::path& log_dir) {
  std::vector<JobSpec> specs;
  for (const auto& j : c.jobs) {
    JobSpec s;
    s.model = j.model;
    s.model_path = "/models/" + j.model + ".onnx";
    s.batch = j.batch;
    s.precision = j.precision;
    s.backend = j.backend;
    specs.push_back(s);
  }
  CampaignInfo info{c.name, c.name + ".yaml", "", "", "", c.baselines};
  auto id = store.CreateCampaign(info, specs);
  EXPECT_TRUE(id.ok()) << id.status().message();
  if (!id.ok()) return 0;
  auto jobs = store.ListJobs(*id);
  EXPECT_TRUE(jobs.ok());
  const std::filesystem::path dir = log_dir / ("c" + std::to_string(*id));
  std::filesystem::create_directories(dir);
  for (size_t i = 0; i < c.jobs.size(); ++i) {
    const StoredJob& j = c.jobs[i];
    const int64_t job = (*jobs)[i].job.id;
    const std::filesystem::path log = dir / (std::to_string(job) + ".log");
    EXPECT_TRUE(WriteFileAtomic(log, "log of job " + std::to_string(job) + "\n").ok());
    JobOutcome o;
    for (int a = 1; a <= j.attempts; ++a) {
      EXPECT_TRUE(store.StartAttempt(job, log.string()).ok());
      if (a < j.attempts) {
        JobOutcome retry;
        retry.reason = j.reason == Reason::kOk ? Reason::kCrash : j.reason;
        retry.message = "attempt " + std::to_string(a) + ": " + j.message;
        EXPECT_TRUE(store.FinishAttempt(job, retry).ok());
      }
    }
    if (j.median) {
      o.succeeded = true;
      o.exit_code = 0;
      RunResult r;
      r.ok = true;
      r.batch = j.batch;
      r.precision = std::string(PrecisionName(j.precision));
      r.iterations = 50;
      r.latency.median_ms = r.latency.mean_ms = *j.median;
      r.latency.stddev_ms = j.stddev;
      r.throughput = j.batch * 1000.0 / *j.median;
      r.device.name = c.device;
      r.device.driver_version = c.driver;
      r.fingerprint.device_name = c.device;
      r.fingerprint.driver_version = c.driver;
      r.measure.unstable = j.unstable;
      r.measure.preflight = j.preflight;
      o.result = r;
    } else {
      o.exit_code = 1;
      o.reason = j.reason == Reason::kOk ? Reason::kRuntimeError : j.reason;
      o.message = j.message;
    }
    EXPECT_TRUE(store.FinishAttempt(job, o).ok());
  }
  EXPECT_TRUE(store.FinishCampaign(*id, "finished").ok());
  return *id;
}

}  // namespace campaign::testing
