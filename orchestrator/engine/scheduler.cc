#include "orchestrator/engine/scheduler.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "orchestrator/engine/outcome.h"

namespace campaign {

namespace {

// One job's way through this Run call.
struct Entry {
  size_t order = 0;  // matrix position: devices take ready jobs in this order
  JobRecord job;     // as of its next attempt
  int tries = 0;     // attempts made by this Run call
  Attempt attempt;   // the attempt in progress
};

struct ByOrder {
  bool operator()(const Entry& a, const Entry& b) const { return a.order < b.order; }
};

// The shared state of one Run call; every member is guarded by `mu`.
class RunState {
 public:
  RunState(std::vector<Entry> todo, const SchedulerOptions& options, ProgressFn progress)
      : to_convert_(todo.begin(), todo.end()), options_(options), progress_(std::move(progress)) {
    left_ = static_cast<int>(todo.size());
  }

  // Blocks until a job needs preparing (nullopt once nothing more can come:
  // a device job may still fail and come back for a retry).
  std::optional<Entry> NextToConvert() {
    std::unique_lock lock(mu_);
    cv_.wait(lock,
             [&] { return failed_store_ || Stopping() || !to_convert_.empty() || Quiescent(); });
    if (failed_store_ || Stopping() || to_convert_.empty()) return std::nullopt;
    Entry e = std::move(to_convert_.front());
    to_convert_.pop_front();
    ++converting_;
    return e;
  }

  void Ready(Entry e) {
    std::lock_guard lock(mu_);
    --converting_;
    ready_.insert(std::move(e));
    cv_.notify_all();
  }

  // Blocks until a prepared job is ready for a device, or nothing more can
  // come (then nullopt). After an interrupt, ready jobs are not handed out.
  std::optional<Entry> NextToRun() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return failed_store_ || Stopping() || !ready_.empty() || Quiescent(); });
    if (failed_store_ || Stopping() || ready_.empty()) return std::nullopt;
    Entry e = std::move(ready_.extract(ready_.begin()).value());
    ++running_;
    return e;
  }

  // Ready jobs left behind by an interrupt.
  std::vector<Entry> TakeStranded() {
    std::lock_guard lock(mu_);
    std::vector<Entry> out;
    while (!ready_.empty()) out.push_back(std::move(ready_.extract(ready_.begin()).value()));
    return out;
  }

  // A job ended (from a converter or a device worker). Retries go back to
  // the front of the conversion queue.
  void Ended(Entry e, const JobOutcome& outcome, bool from_device, const std::string& device) {
    std::lock_guard lock(mu_);
    (from_device ? running_ : converting_)--;
    const auto it = options_.retries.find(outcome.reason);
    const int allowed = it == options_.retries.end() ? 0 : it->second;
    const bool retry = !outcome.succeeded && !Stopping() &&
                       outcome.reason != Reason::kInterrupted && e.tries <= allowed;
    if (retry) {
      ++summary_.retried;
      Emit(ProgressEvent::kRetrying, &e.attempt, &outcome, device);
      e.job.attempt = e.attempt.number;
      to_convert_.push_front(std::move(e));
    } else {
      --left_;
      outcome.succeeded ? ++summary_.succeeded : ++summary_.failed;
      Emit(ProgressEvent::kFinished, &e.attempt, &outcome, device);
    }
    cv_.notify_all();
  }

  void Report(ProgressEvent::Kind kind, const Attempt& a, const std::string& device) {
    std::lock_guard lock(mu_);
    Emit(kind, &a, nullptr, device);
  }

  void StoreFailed(const Status& st) {
    std::lock_guard lock(mu_);
    if (store_error_.ok()) store_error_ = st;
    failed_store_ = true;
    cv_.notify_all();
  }

  // Wakes blocked device workers so they notice an interrupt.
  void Poke() { cv_.notify_all(); }

  Status store_error() {
    std::lock_guard lock(mu_);
    return store_error_;
  }
  CampaignSummary summary() {
    std::lock_guard lock(mu_);
    return summary_;
  }

 private:
  bool Stopping() const { return options_.interrupt && options_.interrupt->Stopping(); }
  // Nothing queued, nothing in flight: no more work can appear.
  bool Quiescent() const {
    return to_convert_.empty() && ready_.empty() && converting_ == 0 && running_ == 0;
  }

  void Emit(ProgressEvent::Kind kind, const Attempt* a, const JobOutcome* o,
            const std::string& device) {
    if (!progress_) return;
    ProgressEvent ev{kind, a, o, device};
    ev.done = summary_.succeeded + summary_.failed;
    ev.failed = summary_.failed;
    ev.running = running_;
    ev.left = left_;
    progress_(ev);
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Entry> to_convert_;
  std::multiset<Entry, ByOrder> ready_;
  int converting_ = 0;
  int running_ = 0;
  int left_ = 0;
  bool failed_store_ = false;
  Status store_error_;
  CampaignSummary summary_;
  const SchedulerOptions& options_;
  ProgressFn progress_;
};

void ConvertWorker(RunState& state, JobRunner& runner) {
  while (auto e = state.NextToConvert()) {
    ++e->tries;
    std::optional<JobOutcome> failure;
    auto attempt = runner.Prepare(e->job, &failure);
    if (!attempt.ok()) return state.StoreFailed(attempt.status());
    e->attempt = *attempt;
    state.Report(ProgressEvent::kConverting, e->attempt, "");
    if (failure) {
      Status st = runner.Finish(e->attempt, *failure);
      if (!st.ok()) return state.StoreFailed(st);
      state.Ended(std::move(*e), *failure, false, "");
    } else {
      state.Ready(std::move(*e));
    }
  }
}

void DeviceWorker(RunState& state, JobRunner& runner, const std::string& device) {
  while (auto e = state.NextToRun()) {
    state.Report(ProgressEvent::kRunning, e->attempt, device);
    auto outcome = runner.RunOnDevice(e->attempt, device);
    if (!outcome.ok()) return state.StoreFailed(outcome.status());
    Status st = runner.Finish(e->attempt, *outcome);
    if (!st.ok()) return state.StoreFailed(st);
    state.Ended(std::move(*e), *outcome, true, device);
  }
}

}  // namespace

bool IsUnfinished(const JobRecord& job) {
  return job.status != JobStatus::kSucceeded && job.status != JobStatus::kFailed;
}

Scheduler::Scheduler(JobStore& store, JobRunner& runner, SchedulerOptions options,
                     ProgressFn progress)
    : store_(store),
      runner_(runner),
      options_(std::move(options)),
      progress_(std::move(progress)) {}

Result<CampaignSummary> Scheduler::Run(int64_t campaign_id, const JobFilter& select) {
  ASSIGN_OR_RETURN(std::vector<JobView> jobs, store_.ListJobs(campaign_id));
  std::vector<Entry> todo;
  for (const auto& v : jobs) {
    if (select(v.job)) todo.push_back(Entry{todo.size(), v.job, 0, {}});
  }
  RunState state(std::move(todo), options_, progress_);
  {
    // Wakes idle workers when a signal arrives; stopped when the run ends.
    std::jthread watcher([&](std::stop_token stop) {
      while (!stop.stop_requested()) {
        if (options_.interrupt && options_.interrupt->Stopping()) {
          state.Poke();
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    std::vector<std::jthread> workers;
    for (int i = 0; i < std::max(1, options_.convert_workers); ++i) {
      workers.emplace_back([&] { ConvertWorker(state, runner_); });
    }
    for (const auto& d : options_.devices) {
      workers.emplace_back([&, d] { DeviceWorker(state, runner_, d); });
    }
  }  // workers joined, then the watcher
  RETURN_IF_ERROR(state.store_error());
  const bool interrupted = options_.interrupt && options_.interrupt->Stopping();
  for (Entry& e : state.TakeStranded()) {
    RETURN_IF_ERROR(runner_.Finish(
        e.attempt, FailedOutcome(Reason::kInterrupted,
                                 "not run: the campaign was interrupted before this job reached "
                                 "a device")));
  }
  CampaignSummary summary = state.summary();
  summary.total = static_cast<int>(jobs.size());
  summary.selected = static_cast<int>(
      std::count_if(jobs.begin(), jobs.end(), [&](const JobView& v) { return select(v.job); }));
  summary.interrupted = interrupted;
  RETURN_IF_ERROR(store_.FinishCampaign(campaign_id, interrupted ? "interrupted" : "finished"));
  return summary;
}

std::string DescribeJobEnd(const JobRecord& job, const JobOutcome& outcome) {
  std::string head = job.spec.model + " b" + std::to_string(job.spec.batch) + " " +
                     std::string(PrecisionName(job.spec.precision)) +
                     (job.spec.backend == "opencl" ? "" : " [" + job.spec.backend + "]") + ": ";
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
