// Scheduler: runs a campaign's jobs to the end, whatever happens to them.
//
// Conversions run on `convert_workers` CPU threads ahead of the device
// queue; each device has one worker thread, so a device runs one measuring
// runner at a time (measurements are exclusive) while several devices run in
// parallel. Jobs reach the devices in matrix order as their engines become
// ready. A failed attempt whose reason has retries left is tried again. After
// an interrupt no new attempt starts; attempts already prepared but not yet
// run are closed as 'interrupted' (resume runs them again).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "orchestrator/engine/interrupt.h"
#include "orchestrator/engine/job_runner.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

struct SchedulerOptions {
  std::vector<std::string> devices = {"auto"};  // runner --device selectors; one worker each
  int convert_workers = 1;                      // parallel conversions (-j)
  std::map<Reason, int> retries;                // extra attempts per failure reason
  const Interrupt* interrupt = nullptr;         // may be null
};

struct CampaignSummary {
  int total = 0;      // jobs in the campaign
  int selected = 0;   // jobs this call set out to run
  int succeeded = 0;  // of the selected jobs
  int failed = 0;     // of the selected jobs (after retries)
  int retried = 0;    // extra attempts made
  bool interrupted = false;
};

// Reported from worker threads, one call at a time (serialised).
struct ProgressEvent {
  enum Kind { kConverting, kRunning, kFinished, kRetrying } kind;
  const Attempt* attempt = nullptr;
  const JobOutcome* outcome = nullptr;  // kFinished, kRetrying
  std::string device;                   // kRunning, kFinished
  // Counts after this event.
  int done = 0, failed = 0, running = 0, left = 0;
};
using ProgressFn = std::function<void(const ProgressEvent&)>;

// Which jobs a call runs.
using JobFilter = std::function<bool(const JobRecord&)>;
// Jobs without a final status (the default: a new or resumed campaign).
bool IsUnfinished(const JobRecord& job);

class Scheduler {
 public:
  // `store` and `runner` must outlive this object.
  Scheduler(JobStore& store, JobRunner& runner, SchedulerOptions options,
            ProgressFn progress = nullptr);

  // Runs the selected jobs of the campaign, then marks the campaign
  // "finished" (or "interrupted"). An error only when the store fails.
  Result<CampaignSummary> Run(int64_t campaign_id, const JobFilter& select = IsUnfinished);

 private:
  JobStore& store_;
  JobRunner& runner_;
  SchedulerOptions options_;
  ProgressFn progress_;
};

// "squeezenet1_1 b8 fp32: ok, median 12.31 ms, p99 ..., 650.2 inf/s".
std::string DescribeJobEnd(const JobRecord& job, const JobOutcome& outcome);

}  // namespace campaign
