// Test helpers: synthetic jobs and a temporary directory, for report_test.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "common/testing/temp_dir.h"
#include "orchestrator/store/job_store.h"

namespace campaign::testing {

inline CampaignRecord MakeCampaign(int64_t id = 7, const std::string& name = "nightly") {
  CampaignRecord c;
  c.id = id;
  c.info.name = name;
  c.created_at = "2026-11-21T10:00:00.000Z";
  c.status = "finished";
  return c;
}

// A succeeded job with a result: throughput = batch * 1000 / median.
inline JobView OkJob(int64_t id, const std::string& model, int batch, Precision p, double median_ms,
                     double stddev_ms = 0.01) {
  JobView v;
  v.job.id = id;
  v.job.spec.model = model;
  v.job.spec.batch = batch;
  v.job.spec.precision = p;
  v.job.status = JobStatus::kSucceeded;
  v.job.attempt = 1;
  v.job.log_path = "/r/logs/" + std::to_string(id) + ".log";
  RunResult r;
  r.ok = true;
  r.batch = batch;
  r.precision = std::string(PrecisionName(p));
  r.iterations = 50;
  r.latency.median_ms = median_ms;
  r.latency.mean_ms = median_ms * 1.01;
  r.latency.min_ms = median_ms * 0.95;
  r.latency.max_ms = median_ms * 1.2;
  r.latency.p99_ms = median_ms * 1.15;
  r.latency.stddev_ms = stddev_ms;
  r.throughput = batch * 1000.0 / median_ms;
  r.device.name = "NVIDIA H100 80GB HBM3";
  v.result = r;
  return v;
}

inline JobView FailedJob(int64_t id, const std::string& model, int batch, Precision p,
                         const std::string& reason = "crash") {
  JobView v;
  v.job.id = id;
  v.job.spec.model = model;
  v.job.spec.batch = batch;
  v.job.spec.precision = p;
  v.job.status = JobStatus::kFailed;
  v.job.attempt = 1;
  v.job.failure_reason = reason;
  v.job.failure_message = "runner killed by signal 11 (SIGSEGV)";
  v.job.log_path = "/r/logs/" + std::to_string(id) + ".log";
  return v;
}

// One TempDir for every test (common/testing/temp_dir.h).
using TempDir = ::campaign::test_support::TempDir;

}  // namespace campaign::testing
