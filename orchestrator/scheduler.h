// Scheduler: runs a campaign's jobs, one measurement at a time on the device.
//
// Today it is a sequential loop (one device, conversions inline); the job
// store holds all state, so a later scheduler can add conversion workers and
// several devices without changing what is recorded.
#pragma once

#include <functional>
#include <string>

#include "common/status.h"
#include "orchestrator/job_runner.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

struct CampaignSummary {
  int total = 0;      // jobs in the campaign
  int ran = 0;        // jobs this call ran
  int succeeded = 0;  // of those that ran
  int failed = 0;     // of those that ran
};

// Called before and after each job, on the scheduler's thread.
struct ProgressEvent {
  enum Kind { kStart, kEnd } kind;
  int index = 0;  // 1-based position among the jobs this call runs
  int count = 0;  // how many jobs this call runs
  const JobRecord* job = nullptr;
  const JobOutcome* outcome = nullptr;  // kEnd only
  std::string log_path;                 // the attempt's captured log
};
using ProgressFn = std::function<void(const ProgressEvent&)>;

class Scheduler {
 public:
  // `store` and `runner` must outlive this object.
  Scheduler(JobStore& store, JobRunner& runner, ProgressFn progress = nullptr);

  // Runs every job of the campaign that has no final status yet, in matrix
  // order, then marks the campaign finished. A failing job never stops the
  // loop; an error is returned only when the store itself fails.
  Result<CampaignSummary> Run(int64_t campaign_id);

 private:
  JobStore& store_;
  JobRunner& runner_;
  ProgressFn progress_;
};

// A one-line description of a finished job for progress output, e.g.
// "squeezenet1_1 b8 fp32: ok, median 12.31 ms, 650.2 inf/s".
std::string DescribeJobEnd(const JobRecord& job, const JobOutcome& outcome);

}  // namespace campaign
