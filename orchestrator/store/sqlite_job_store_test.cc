#include "orchestrator/store/sqlite_job_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <regex>
#include <thread>

#include "orchestrator/store/migrations.h"
#include "orchestrator/store/test_util.h"

namespace campaign {
namespace {

using store::TempDir;

JobSpec Spec(const std::string& model, int batch, Precision p = Precision::kFp32) {
  JobSpec s;
  s.model = model;
  s.model_path = "/models/" + model + ".onnx";
  s.batch = batch;
  s.precision = p;
  s.overrides["input"] = {DimSpec{.is_batch = true}, DimSpec{.value = 3}, DimSpec{.value = 224},
                          DimSpec{.value = 224}};
  return s;
}

CampaignInfo Info(const std::string& name) {
  return CampaignInfo{name, "campaigns/" + name + ".yaml", "ab12", "name: " + name + "\n", "gpu:0"};
}

RunResult SampleResult() {
  RunResult r;
  r.ok = true;
  r.batch = 8;
  r.precision = "fp16";
  r.device = DeviceInfo{"NVIDIA CUDA", "NVIDIA H100", "NVIDIA", "550.54", "gpu"};
  r.warmup_iterations = 10;
  r.iterations = 100;
  r.latency = LatencyStats{1.5, 1.25, 1.0, 3.0, 2.0, 2.25, 2.75, 0.5};
  r.throughput = 6400;
  r.load_ms = 321.5;
  r.validation = Validation{true, 1e-3, 2e-3, 0.9999, 4e-4, 1e-2, true};
  return r;
}

JobOutcome Succeeded(std::optional<RunResult> result = std::nullopt) {
  JobOutcome o;
  o.succeeded = true;
  o.exit_code = 0;
  o.result = std::move(result);
  return o;
}

JobOutcome Failed(Reason reason, const std::string& message, std::optional<int> exit_code,
                  std::optional<int> signal, std::optional<RunResult> result = std::nullopt) {
  JobOutcome o;
  o.reason = reason;
  o.message = message;
  o.exit_code = exit_code;
  o.signal = signal;
  o.result = std::move(result);
  return o;
}

class SqliteJobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.path() / "results" / "campaign.db";  // parent does not exist yet
    auto store = SqliteJobStore::Open(db_path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  // Runs `sql` on a second connection to the same file, as a user would.
  int64_t Query(const std::string& sql) {
    Result<store::Db> db = store::Db::Open(db_path_);
    EXPECT_TRUE(db.ok());
    Result<int64_t> v = db->QueryInt64(sql);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : -1;
  }
  std::string QueryText(const std::string& sql) {
    Result<store::Db> db = store::Db::Open(db_path_);
    Result<store::Statement> stmt = db->Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    if (!stmt.ok() || !stmt->Step().value()) return "<no row>";
    return stmt->ColumnText(0);
  }

  std::vector<JobView> Jobs(int64_t campaign_id) {
    Result<std::vector<JobView>> jobs = store_->ListJobs(campaign_id);
    EXPECT_TRUE(jobs.ok()) << jobs.status().ToString();
    return jobs.ok() ? *jobs : std::vector<JobView>{};
  }

  TempDir dir_;
  std::filesystem::path db_path_;
  std::unique_ptr<SqliteJobStore> store_;
};

const std::regex kTimestamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");

TEST_F(SqliteJobStoreTest, CreateCampaignStoresJobsInMatrixOrder) {
  std::vector<JobSpec> specs = {Spec("resnet", 8), Spec("resnet", 1, Precision::kFp16),
                                Spec("bert", 4, Precision::kInt8)};
  specs[2].overrides.clear();
  Result<int64_t> id = store_->CreateCampaign(Info("sweep"), specs);
  ASSERT_TRUE(id.ok()) << id.status().ToString();

  Result<CampaignRecord> c = store_->FindCampaign(std::to_string(*id));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->id, *id);
  EXPECT_EQ(c->info.name, "sweep");
  EXPECT_EQ(c->info.config_path, "campaigns/sweep.yaml");
  EXPECT_EQ(c->info.config_sha256, "ab12");
  EXPECT_EQ(c->info.config_text, "name: sweep\n");
  EXPECT_EQ(c->info.device_spec, "gpu:0");
  EXPECT_EQ(c->status, "running");
  EXPECT_TRUE(std::regex_match(c->created_at, kTimestamp)) << c->created_at;
  EXPECT_EQ(c->finished_at, "");

  std::vector<JobView> jobs = Jobs(*id);
  ASSERT_EQ(jobs.size(), 3u);
  for (size_t i = 0; i < jobs.size(); ++i) {
    const JobRecord& j = jobs[i].job;
    EXPECT_EQ(j.campaign_id, *id);
    EXPECT_EQ(j.spec.model, specs[i].model);
    EXPECT_EQ(j.spec.model_path, specs[i].model_path);
    EXPECT_EQ(j.spec.batch, specs[i].batch);
    EXPECT_EQ(j.spec.precision, specs[i].precision);
    EXPECT_EQ(j.spec.overrides, specs[i].overrides);
    EXPECT_EQ(j.status, JobStatus::kPending);
    EXPECT_EQ(j.attempt, 0);
    EXPECT_TRUE(std::regex_match(j.created_at, kTimestamp)) << j.created_at;
    EXPECT_EQ(j.started_at, "");
    EXPECT_FALSE(jobs[i].result.has_value());
    if (i > 0) {
      EXPECT_GT(j.id, jobs[i - 1].job.id);
    }
  }
  EXPECT_EQ(QueryText("SELECT overrides FROM jobs ORDER BY id LIMIT 1"),
            R"({"input":["N",3,224,224]})");
}

TEST_F(SqliteJobStoreTest, SuccessfulAttemptStoresResultWithAllStats) {
  int64_t cid = store_->CreateCampaign(Info("c"), {Spec("resnet", 8)}).value();
  int64_t job = Jobs(cid)[0].job.id;

  ASSERT_TRUE(store_->StartAttempt(job, "/logs/resnet_b8.log").ok());
  JobRecord j = Jobs(cid)[0].job;
  EXPECT_EQ(j.status, JobStatus::kConverting);
  EXPECT_EQ(j.attempt, 1);
  EXPECT_TRUE(std::regex_match(j.started_at, kTimestamp)) << j.started_at;
  EXPECT_EQ(j.log_path, "/logs/resnet_b8.log");

  ASSERT_TRUE(store_->SetEngine(job, "/cache/abc.onnx", true).ok());
  ASSERT_TRUE(store_->SetJobStatus(job, JobStatus::kRunning).ok());
  EXPECT_EQ(Jobs(cid)[0].job.status, JobStatus::kRunning);
  EXPECT_EQ(QueryText("SELECT status FROM attempts"), "running");

  JobOutcome outcome = Succeeded(SampleResult());
  ASSERT_TRUE(store_->FinishAttempt(job, outcome).ok());

  JobView v = Jobs(cid)[0];
  EXPECT_EQ(v.job.status, JobStatus::kSucceeded);
  EXPECT_EQ(v.job.engine_path, "/cache/abc.onnx");
  EXPECT_TRUE(v.job.cache_hit);
  EXPECT_EQ(v.job.exit_code, 0);
  EXPECT_EQ(v.job.signal, std::nullopt);
  EXPECT_EQ(v.job.failure_reason, "");
  EXPECT_TRUE(std::regex_match(v.job.finished_at, kTimestamp)) << v.job.finished_at;
  ASSERT_TRUE(v.result.has_value());
  const RunResult& r = *v.result;
  const RunResult want = SampleResult();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.device.name, "NVIDIA H100");
  EXPECT_EQ(r.device.driver_version, "550.54");
  EXPECT_EQ(r.iterations, 100);
  EXPECT_EQ(r.warmup_iterations, 10);
  EXPECT_DOUBLE_EQ(r.latency.mean_ms, want.latency.mean_ms);
  EXPECT_DOUBLE_EQ(r.latency.median_ms, want.latency.median_ms);
  EXPECT_DOUBLE_EQ(r.latency.min_ms, want.latency.min_ms);
  EXPECT_DOUBLE_EQ(r.latency.max_ms, want.latency.max_ms);
  EXPECT_DOUBLE_EQ(r.latency.p90_ms, want.latency.p90_ms);
  EXPECT_DOUBLE_EQ(r.latency.p95_ms, want.latency.p95_ms);
  EXPECT_DOUBLE_EQ(r.latency.p99_ms, want.latency.p99_ms);
  EXPECT_DOUBLE_EQ(r.latency.stddev_ms, want.latency.stddev_ms);
  EXPECT_DOUBLE_EQ(r.throughput, 6400);
  EXPECT_DOUBLE_EQ(r.load_ms, 321.5);
  EXPECT_DOUBLE_EQ(r.validation.cosine, 0.9999);
  EXPECT_DOUBLE_EQ(r.validation.norm_rel_error, 4e-4);
  EXPECT_TRUE(r.validation.passed);

  // The columns users query hold the same numbers.
  EXPECT_EQ(QueryText("SELECT median_ms || ' ' || p99_ms || ' ' || throughput || ' ' || "
                      "device_name || ' ' || validation_passed FROM results"),
            "1.25 2.75 6400.0 NVIDIA H100 1");
  EXPECT_EQ(QueryText("SELECT status || ' ' || engine_path || ' ' || cache_hit || ' ' || "
                      "exit_code FROM attempts WHERE attempt = 1"),
            "succeeded /cache/abc.onnx 1 0");
  EXPECT_EQ(Query("SELECT count(*) FROM job_results WHERE median_ms = 1.25"), 1);
}

TEST_F(SqliteJobStoreTest, FailedAttemptRecordsReasonExitCodeAndSignal) {
  int64_t cid = store_->CreateCampaign(Info("c"), {Spec("a", 1), Spec("b", 1)}).value();
  std::vector<JobView> jobs = Jobs(cid);
  ASSERT_TRUE(store_->StartAttempt(jobs[0].job.id, "a.log").ok());
  ASSERT_TRUE(store_
                  ->FinishAttempt(jobs[0].job.id, Failed(Reason::kCrash, "runner killed by SIGSEGV",
                                                         std::nullopt, 11))
                  .ok());
  // An accuracy failure keeps the measured numbers.
  RunResult inaccurate = SampleResult();
  inaccurate.ok = false;
  inaccurate.reason = Reason::kAccuracy;
  inaccurate.validation.passed = false;
  ASSERT_TRUE(store_->StartAttempt(jobs[1].job.id, "b.log").ok());
  ASSERT_TRUE(store_
                  ->FinishAttempt(jobs[1].job.id, Failed(Reason::kAccuracy, "norm_rel_error 0.5", 3,
                                                         std::nullopt, inaccurate))
                  .ok());

  jobs = Jobs(cid);
  const JobRecord& a = jobs[0].job;
  EXPECT_EQ(a.status, JobStatus::kFailed);
  EXPECT_EQ(a.failure_reason, "crash");
  EXPECT_EQ(a.failure_message, "runner killed by SIGSEGV");
  EXPECT_EQ(a.signal, 11);
  EXPECT_EQ(a.exit_code, std::nullopt);
  EXPECT_EQ(a.log_path, "a.log");
  EXPECT_FALSE(jobs[0].result.has_value());

  const JobRecord& b = jobs[1].job;
  EXPECT_EQ(b.status, JobStatus::kFailed);
  EXPECT_EQ(b.failure_reason, "accuracy");
  EXPECT_EQ(b.exit_code, 3);
  ASSERT_TRUE(jobs[1].result.has_value());
  EXPECT_FALSE(jobs[1].result->validation.passed);
  EXPECT_DOUBLE_EQ(jobs[1].result->latency.median_ms, 1.25);
  EXPECT_EQ(Query("SELECT count(*) FROM jobs WHERE failure_reason = 'crash' AND signal = 11 "
                  "AND exit_code IS NULL"),
            1);
}

TEST_F(SqliteJobStoreTest, SecondAttemptKeepsHistoryAndMirrorsLatest) {
  int64_t cid = store_->CreateCampaign(Info("c"), {Spec("a", 1)}).value();
  int64_t job = Jobs(cid)[0].job.id;
  ASSERT_TRUE(store_->StartAttempt(job, "a.1.log").ok());
  ASSERT_TRUE(store_->SetEngine(job, "/cache/e1.onnx", false).ok());
  ASSERT_TRUE(
      store_->FinishAttempt(job, Failed(Reason::kTimeout, "timed out after 60 s", std::nullopt, 9))
          .ok());
  ASSERT_TRUE(store_->StartAttempt(job, "a.2.log").ok());
  JobRecord mid = Jobs(cid)[0].job;
  EXPECT_EQ(mid.attempt, 2);
  EXPECT_EQ(mid.status, JobStatus::kConverting);
  EXPECT_EQ(mid.failure_reason, "");  // previous outcome cleared
  EXPECT_EQ(mid.signal, std::nullopt);
  EXPECT_EQ(mid.engine_path, "");
  EXPECT_EQ(mid.finished_at, "");
  ASSERT_TRUE(store_->SetEngine(job, "/cache/e1.onnx", true).ok());
  ASSERT_TRUE(store_->FinishAttempt(job, Succeeded(SampleResult())).ok());

  JobView v = Jobs(cid)[0];
  EXPECT_EQ(v.job.attempt, 2);
  EXPECT_EQ(v.job.status, JobStatus::kSucceeded);
  EXPECT_EQ(v.job.log_path, "a.2.log");
  EXPECT_TRUE(v.result.has_value());
  EXPECT_EQ(Query("SELECT count(*) FROM attempts WHERE job_id = " + std::to_string(job)), 2);
  EXPECT_EQ(QueryText("SELECT status || ' ' || failure_reason || ' ' || signal || ' ' || "
                      "log_path || ' ' || cache_hit FROM attempts WHERE attempt = 1"),
            "failed timeout 9 a.1.log 0");
  EXPECT_EQ(QueryText("SELECT status || ' ' || ifnull(failure_reason, '-') || ' ' || log_path "
                      "|| ' ' || cache_hit FROM attempts WHERE attempt = 2"),
            "succeeded - a.2.log 1");
  EXPECT_EQ(Query("SELECT count(*) FROM attempts WHERE finished_at IS NULL"), 0);
}

TEST_F(SqliteJobStoreTest, DuplicateJobFailsAndLeavesNoCampaign) {
  Result<int64_t> id =
      store_->CreateCampaign(Info("dup"), {Spec("a", 1), Spec("b", 1), Spec("a", 1)});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().reason(), Reason::kInvalidArgument);
  EXPECT_NE(id.status().message().find("model a, batch 1, precision fp32"), std::string::npos)
      << id.status().message();
  EXPECT_EQ(Query("SELECT count(*) FROM campaigns"), 0);
  EXPECT_EQ(Query("SELECT count(*) FROM jobs"), 0);
  // Same model and batch in another precision is a different job.
  EXPECT_TRUE(
      store_->CreateCampaign(Info("ok"), {Spec("a", 1), Spec("a", 1, Precision::kFp16)}).ok());
}

TEST_F(SqliteJobStoreTest, LifecycleMisuseIsRejected) {
  int64_t cid = store_->CreateCampaign(Info("c"), {Spec("a", 1)}).value();
  int64_t job = Jobs(cid)[0].job.id;
  Status no_attempt = store_->FinishAttempt(job, Succeeded());
  EXPECT_EQ(no_attempt.reason(), Reason::kInternal);
  EXPECT_NE(no_attempt.message().find("StartAttempt"), std::string::npos);
  EXPECT_EQ(store_->SetJobStatus(job, JobStatus::kRunning).reason(), Reason::kInternal);
  EXPECT_EQ(store_->SetJobStatus(job, JobStatus::kSucceeded).reason(), Reason::kInternal);
  EXPECT_EQ(Jobs(cid)[0].job.status, JobStatus::kPending);  // rolled back

  ASSERT_TRUE(store_->StartAttempt(job, "").ok());
  ASSERT_TRUE(store_->FinishAttempt(job, Succeeded()).ok());
  EXPECT_EQ(store_->FinishAttempt(job, Succeeded()).reason(),
            Reason::kInternal);  // already finished

  Status unknown = store_->StartAttempt(9999, "x.log");
  EXPECT_EQ(unknown.reason(), Reason::kNotFound);
  EXPECT_NE(unknown.message().find("no job with id 9999"), std::string::npos);
  EXPECT_EQ(store_->SetEngine(9999, "e", false).reason(), Reason::kNotFound);
  EXPECT_EQ(store_->ListJobs(9999).status().reason(), Reason::kNotFound);
}

TEST_F(SqliteJobStoreTest, FindCampaignByIdNameAndLatest) {
  Result<CampaignRecord> none = store_->FindCampaign("latest");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().reason(), Reason::kNotFound);
  EXPECT_NE(none.status().message().find("no campaigns in"), std::string::npos);

  int64_t first = store_->CreateCampaign(Info("nightly"), {Spec("a", 1)}).value();
  int64_t second = store_->CreateCampaign(Info("nightly"), {Spec("a", 1)}).value();
  int64_t third = store_->CreateCampaign(Info("adhoc"), {Spec("a", 1)}).value();

  EXPECT_EQ(store_->FindCampaign("")->id, third);
  EXPECT_EQ(store_->FindCampaign("latest")->id, third);
  EXPECT_EQ(store_->FindCampaign(std::to_string(first))->id, first);
  EXPECT_EQ(store_->FindCampaign("nightly")->id, second);  // latest with that name
  EXPECT_EQ(store_->FindCampaign("adhoc")->info.name, "adhoc");

  Result<CampaignRecord> unknown = store_->FindCampaign("weekly");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().reason(), Reason::kNotFound);
  const std::string msg = unknown.status().message();
  EXPECT_NE(msg.find("no campaign \"weekly\""), std::string::npos) << msg;
  EXPECT_NE(msg.find("nightly"), std::string::npos) << msg;
  EXPECT_NE(msg.find("adhoc"), std::string::npos) << msg;
  EXPECT_FALSE(store_->FindCampaign("42").ok());

  std::vector<CampaignRecord> all = store_->ListCampaigns().value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, first);
  EXPECT_EQ(all[2].id, third);
}

TEST_F(SqliteJobStoreTest, FinishCampaignSetsStatusAndTime) {
  int64_t cid = store_->CreateCampaign(Info("c"), {}).value();
  ASSERT_TRUE(store_->FinishCampaign(cid, "interrupted").ok());
  CampaignRecord c = store_->FindCampaign("c").value();
  EXPECT_EQ(c.status, "interrupted");
  EXPECT_TRUE(std::regex_match(c.finished_at, kTimestamp)) << c.finished_at;
  EXPECT_EQ(store_->FinishCampaign(cid, "done").reason(), Reason::kInternal);
  EXPECT_EQ(store_->FinishCampaign(cid + 1, "finished").reason(), Reason::kNotFound);
  EXPECT_TRUE(Jobs(cid).empty());  // a campaign without jobs is not an error
}

TEST_F(SqliteJobStoreTest, ReopenKeepsDataAndSchemaVersion) {
  int64_t cid = store_->CreateCampaign(Info("c"), {Spec("a", 1)}).value();
  store_.reset();
  auto again = SqliteJobStore::Open(db_path_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->ListJobs(cid)->size(), 1u);
  EXPECT_EQ(Query("PRAGMA user_version"), store::EmbeddedMigrations()->back().version);
  EXPECT_EQ(QueryText("PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteJobStoreTest, NewerSchemaIsAClearError) {
  store_.reset();
  {
    Result<store::Db> db = store::Db::Open(db_path_);
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 99").ok());
  }
  auto opened = SqliteJobStore::Open(db_path_);
  ASSERT_FALSE(opened.ok());
  const std::string supported = std::to_string(store::EmbeddedMigrations()->back().version);
  EXPECT_NE(opened.status().message().find("database schema version 99 is newer than this "
                                           "campaign binary supports (" +
                                           supported + "); upgrade campaign"),
            std::string::npos)
      << opened.status().message();
}

TEST_F(SqliteJobStoreTest, ConcurrentWritersFromThreadsAndConnections) {
  std::vector<JobSpec> specs;
  for (int b = 1; b <= 16; ++b) specs.push_back(Spec("m", b));
  int64_t cid = store_->CreateCampaign(Info("c"), specs).value();
  std::vector<JobView> jobs = Jobs(cid);
  auto other = SqliteJobStore::Open(db_path_);  // e.g. a second campaign process
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  std::vector<std::thread> threads;
  std::atomic<int> errors = 0;
  for (int t = 0; t < 4; ++t) {
    JobStore* s = (t % 2 == 0) ? static_cast<JobStore*>(store_.get()) : other->get();
    threads.emplace_back([&, s, t] {
      for (size_t i = t; i < jobs.size(); i += 4) {
        int64_t id = jobs[i].job.id;
        if (!s->StartAttempt(id, "l").ok() || !s->SetJobStatus(id, JobStatus::kRunning).ok() ||
            !s->FinishAttempt(id, Succeeded(SampleResult())).ok()) {
          ++errors;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(Query("SELECT count(*) FROM jobs WHERE status = 'succeeded'"), 16);
  EXPECT_EQ(Query("SELECT count(*) FROM results"), 16);
}

TEST_F(SqliteJobStoreTest, OpensInTheSqlite3Cli) {
  if (std::system("command -v sqlite3 >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "sqlite3 CLI not installed";
  }
  ASSERT_TRUE(store_->CreateCampaign(Info("cli"), {Spec("a", 1), Spec("a", 2)}).ok());
  store_.reset();  // as after `campaign run` exits
  std::string cmd = "sqlite3 '" + db_path_.string() + "' 'select count(*) from jobs' 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buf[256] = {};
  std::string out;
  while (std::fgets(buf, sizeof(buf), pipe) != nullptr) out += buf;
  EXPECT_EQ(::pclose(pipe), 0) << out;
  EXPECT_EQ(out, "2\n");
}

}  // namespace
}  // namespace campaign
