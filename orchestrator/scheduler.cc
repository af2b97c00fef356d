#include "orchestrator/scheduler.h"

#include <cstdio>

namespace campaign {

Scheduler::Scheduler(JobStore& store, JobRunner& runner, ProgressFn progress)
    : store_(store), runner_(runner), progress_(std::move(progress)) {}

Result<CampaignSummary> Scheduler::Run(int64_t campaign_id) {
  ASSIGN_OR_RETURN(std::vector<JobView> jobs, store_.ListJobs(campaign_id));
  CampaignSummary summary;
  summary.total = static_cast<int>(jobs.size());
  std::vector<const JobRecord*> todo;
  for (const auto& v : jobs) {
    if (v.job.status != JobStatus::kSucceeded && v.job.status != JobStatus::kFailed) {
      todo.push_back(&v.job);
    }
  }
  const int count = static_cast<int>(todo.size());
  for (int i = 0; i < count; ++i) {
    const JobRecord& job = *todo[i];
    const std::string log = runner_.LogPathFor(job, job.attempt + 1).string();
    if (progress_) progress_({ProgressEvent::kStart, i + 1, count, &job, nullptr, log});
    ASSIGN_OR_RETURN(JobOutcome outcome, runner_.RunAttempt(job));
    ++summary.ran;
    outcome.succeeded ? ++summary.succeeded : ++summary.failed;
    if (progress_) progress_({ProgressEvent::kEnd, i + 1, count, &job, &outcome, log});
  }
  RETURN_IF_ERROR(store_.FinishCampaign(campaign_id, "finished"));
  return summary;
}

std::string DescribeJobEnd(const JobRecord& job, const JobOutcome& outcome) {
  std::string head = job.spec.model + " b" + std::to_string(job.spec.batch) + " " +
                     std::string(PrecisionName(job.spec.precision)) + ": ";
  if (outcome.succeeded && outcome.result) {
    char buf[160];
    std::snprintf(buf, sizeof(buf), "ok, median %.3f ms, p99 %.3f ms, %.1f inf/s",
                  outcome.result->latency.median_ms, outcome.result->latency.p99_ms,
                  outcome.result->throughput);
    return head + buf;
  }
  if (outcome.succeeded) return head + "ok";
  return head + "FAILED (" + std::string(ReasonName(outcome.reason)) + "): " + outcome.message;
}

}  // namespace campaign
