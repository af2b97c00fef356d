// The scheduler with a fake process launcher (no processes: milliseconds)
// and a real SQLite store: retries, interrupts and resume, several devices.
#include "orchestrator/engine/scheduler.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "converter/convert_outcome.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;

std::string ArgAfter(const std::vector<std::string>& argv, const std::string& flag) {
  for (size_t i = 0; i + 1 < argv.size(); ++i) {
    if (argv[i] == flag) return argv[i + 1];
  }
  return "";
}

// Plays the converter and the runner. The runner's outcome for each call is
// scripted per batch size (a queue of modes); "ok" when the queue is empty.
class FakeLauncher : public ProcessLauncher {
 public:
  std::map<int, std::vector<std::string>> modes;  // batch -> modes, consumed in order
  std::function<void()> on_run;                   // called at each runner start

  ProcessOutcome Run(const ProcessSpec& spec) override {
    ProcessOutcome out;
    out.kind = ExitKind::kExited;
    out.exit_code = 0;
    if (spec.argv[1] == "convert") {
      ConvertReport report;
      report.cache_key = "fake";
      (void)WriteConvertOutcome(ArgAfter(spec.argv, "--report"), report);
      return out;
    }
    if (on_run) on_run();
    std::string mode = "ok";
    {
      std::lock_guard lock(mu_);
      runs_.push_back(ArgAfter(spec.argv, "--device"));
      // The engine path does not carry the batch; the result path carries the job id.
      const int batch = batch_of_job_[JobIdFromResult(ArgAfter(spec.argv, "--result"))];
      auto& q = modes[batch];
      if (!q.empty()) {
        mode = q.front();
        q.erase(q.begin());
      }
    }
    if (mode == "crash") {
      out.kind = ExitKind::kSignaled;
      out.signal = 11;
      return out;
    }
    if (mode == "interrupted") {
      out.kind = ExitKind::kInterrupted;
      return out;
    }
    RunResult r;
    r.ok = mode == "ok";
    r.reason = r.ok ? Reason::kOk : Reason::kRuntimeError;
    r.latency.median_ms = 1;
    out.exit_code = r.ok ? 0 : 1;
    (void)WriteRunResult(ArgAfter(spec.argv, "--result"), r);
    return out;
  }

  void SetBatchOfJob(int64_t job, int batch) { batch_of_job_[job] = batch; }
  std::vector<std::string> runs() {
    std::lock_guard lock(mu_);
    return runs_;
  }

 private:
  static int64_t JobIdFromResult(const std::string& path) {
    const std::string name = fs::path(path).filename().string();  // j<id>-a<n>.json
    return std::stoll(name.substr(1, name.find('-') - 1));
  }
  std::mutex mu_;
  std::vector<std::string> runs_;
  std::map<int64_t, int> batch_of_job_;
};

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/scheduler-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::ofstream(dir_ / "m.onnx") << "not really onnx: the converter is fake";
    auto store = SqliteJobStore::Open(dir_ / "campaign.db");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }
  void TearDown() override { fs::remove_all(dir_); }

  int64_t Create(std::vector<int> batches) {
    std::vector<JobSpec> specs;
    for (int b : batches) specs.push_back(JobSpec{"m", dir_ / "m.onnx", {}, b, Precision::kFp32});
    auto id = store_->CreateCampaign(CampaignInfo{"t", "t.yaml", "sha", "", "auto"}, specs);
    EXPECT_TRUE(id.ok());
    // The Result must outlive the loop: `*store_->ListJobs(...)` in the
    // range-init would dangle (the temporary dies before C++23).
    const auto jobs = store_->ListJobs(*id);
    for (const auto& v : *jobs) launcher_.SetBatchOfJob(v.job.id, v.job.spec.batch);
    return *id;
  }

  JobRunner MakeRunner(const Interrupt* interrupt = nullptr) {
    JobRunnerConfig rc;
    rc.convert_binary = "/fake/campaign";
    rc.runner_binary = "/fake/runner";
    rc.layout = ResultsLayout{dir_};
    rc.interrupt = interrupt;
    return JobRunner(*store_, launcher_, rc);
  }

  std::map<std::string, int> Statuses(int64_t campaign) {
    std::map<std::string, int> counts;
    const auto jobs = store_->ListJobs(campaign);
    for (const auto& v : *jobs) ++counts[std::string(JobStatusName(v.job.status))];
    return counts;
  }

  fs::path dir_;
  std::unique_ptr<SqliteJobStore> store_;
  FakeLauncher launcher_;
};

TEST_F(SchedulerTest, CrashIsRetriedUpToItsLimitAndHistoryIsKept) {
  const int64_t c = Create({1, 2, 3});
  launcher_.modes[1] = {"crash", "ok"};           // recovers on the retry
  launcher_.modes[2] = {"crash", "crash", "ok"};  // out of retries after 2 attempts
  launcher_.modes[3] = {"fail"};                  // runtime_error: not retried
  JobRunner runner = MakeRunner();
  SchedulerOptions opt;
  opt.retries = {{Reason::kCrash, 1}};
  Scheduler s(*store_, runner, opt);
  auto summary = s.Run(c);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->succeeded, 1);
  EXPECT_EQ(summary->failed, 2);
  EXPECT_EQ(summary->retried, 2);
  auto jobs = *store_->ListJobs(c);
  EXPECT_EQ(jobs[0].job.status, JobStatus::kSucceeded);
  EXPECT_EQ(jobs[0].job.attempt, 2);
  EXPECT_EQ(jobs[1].job.status, JobStatus::kFailed);
  EXPECT_EQ(jobs[1].job.failure_reason, "crash");
  EXPECT_EQ(jobs[1].job.attempt, 2);
  EXPECT_EQ(jobs[2].job.failure_reason, "runtime_error");
  EXPECT_EQ(jobs[2].job.attempt, 1);
  EXPECT_EQ(store_->FindCampaign(std::to_string(c))->status, "finished");
}

TEST_F(SchedulerTest, InterruptStopsNewJobsAndResumeFinishesEveryJobOnce) {
  const int64_t c = Create({1, 2, 3, 4, 5});
  Interrupt interrupt;
  int started = 0;
  launcher_.on_run = [&] {
    if (++started == 2) interrupt.Signal();  // Ctrl-C while the second job runs
  };
  {
    JobRunner runner = MakeRunner(&interrupt);
    SchedulerOptions opt;
    opt.interrupt = &interrupt;
    opt.convert_workers = 3;  // several engines prepared ahead of the device
    auto summary = Scheduler(*store_, runner, opt).Run(c);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    EXPECT_TRUE(summary->interrupted);
    EXPECT_EQ(summary->succeeded, 2) << "the running job finishes after the first Ctrl-C";
  }
  EXPECT_EQ(store_->FindCampaign(std::to_string(c))->status, "interrupted");
  EXPECT_EQ(Statuses(c)["succeeded"], 2);
  EXPECT_EQ(Statuses(c)["running"] + Statuses(c)["converting"], 0)
      << "prepared-but-not-run attempts are closed";

  auto reset = store_->ReopenCampaign(c);
  ASSERT_TRUE(reset.ok());
  launcher_.on_run = nullptr;
  JobRunner runner = MakeRunner();
  auto summary = Scheduler(*store_, runner, SchedulerOptions{}).Run(c);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->succeeded, 3);
  EXPECT_EQ(Statuses(c)["succeeded"], 5);
  EXPECT_EQ(launcher_.runs().size(), 5u) << "no job measured twice";
}

TEST_F(SchedulerTest, DevicesRunInParallelEachJobOnce) {
  const int64_t c = Create({1, 2, 3, 4, 5, 6, 7, 8});
  JobRunner runner = MakeRunner();
  SchedulerOptions opt;
  opt.devices = {"0:0", "1:0"};
  opt.convert_workers = 2;
  std::vector<std::string> finished_on;
  std::mutex mu;
  Scheduler s(*store_, runner, opt, [&](const ProgressEvent& e) {
    if (e.kind == ProgressEvent::kFinished) finished_on.push_back(e.device);
  });
  auto summary = s.Run(c);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->succeeded, 8);
  EXPECT_EQ(finished_on.size(), 8u);
  const auto runs = launcher_.runs();
  EXPECT_EQ(runs.size(), 8u);
  EXPECT_EQ(std::set<std::string>(runs.begin(), runs.end()).size(), 2u) << "both devices took jobs";
}

TEST_F(SchedulerTest, FilterSelectsOnlyTheChosenJobs) {
  const int64_t c = Create({1, 2});
  launcher_.modes[2] = {"fail"};
  JobRunner runner = MakeRunner();
  ASSERT_TRUE(Scheduler(*store_, runner, SchedulerOptions{}).Run(c).ok());
  ASSERT_TRUE(store_->ReopenCampaign(c).ok());
  // rerun --failed: only the failed job runs again.
  auto summary = Scheduler(*store_, runner, SchedulerOptions{}).Run(c, [](const JobRecord& j) {
    return j.status == JobStatus::kFailed;
  });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->selected, 1);
  EXPECT_EQ(launcher_.runs().size(), 3u);
  EXPECT_EQ(Statuses(c)["succeeded"], 2);
  EXPECT_EQ((*store_->ListJobs(c))[1].job.attempt, 2);
}

}  // namespace
}  // namespace campaign
