#include "orchestrator/store/sqlite_job_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <thread>

#include "orchestrator/store/db_file.h"
#include "orchestrator/store/measure_rows.h"
#include "orchestrator/store/migrations.h"
#include "orchestrator/store/overrides_json.h"
#include "orchestrator/store/store_rows.h"

namespace campaign {

using store::Db;
using store::Statement;
using store::Transaction;

namespace {

constexpr int kBusyTimeoutMs = 10'000;

// ISO-8601 UTC with milliseconds, e.g. "2024-05-01T12:34:56.789Z".
std::string NowIso8601() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  size_t n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof(buf) - n, ".%03dZ", static_cast<int>(ms));
  return buf;
}

std::optional<std::string> NullIfEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

// Pragmas every connection needs; the first statement to touch the file, so
// it is where SQLite notices problems that Open() could not.
//
// Switching a new file to WAL takes the write lock from inside a read; when
// two processes create the same DB at once SQLite reports the deadlock as
// SQLITE_BUSY at once, without waiting on busy_timeout. So the switch is
// retried here until the same deadline.
Result<std::string> SwitchToWal(Db& db) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(Statement wal, db.Prepare("PRAGMA journal_mode = WAL"));
    Result<bool> row = wal.Step();
    if (row.ok()) return *row ? wal.ColumnText(0) : std::string();
    const bool busy = (sqlite3_extended_errcode(db.get()) & 0xff) == SQLITE_BUSY ||
                      (sqlite3_extended_errcode(db.get()) & 0xff) == SQLITE_LOCKED;
    if (!busy || std::chrono::steady_clock::now() >= deadline) return row.status();
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(50, 2 + attempt * 5)));
  }
}

Status ConfigureConnection(Db& db) {
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  ASSIGN_OR_RETURN(std::string mode, SwitchToWal(db));
  if (mode != "wal") {
    return Status::Error(Reason::kIoError, "cannot switch DB " + db.path().string() +
                                               " to WAL mode (got \"" + mode + "\")");
  }
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut
  // may lose the last commits but never corrupts the file, and resume runs
  // a job whose end was lost again. FULL cost ~1 ms per commit here.
  RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));
  return db.Exec("PRAGMA foreign_keys = ON");
}

}  // namespace

Result<std::unique_ptr<SqliteJobStore>> SqliteJobStore::Open(const std::filesystem::path& path) {
  RETURN_IF_ERROR(store::PrepareDbFile(path));
  ASSIGN_OR_RETURN(Db db, Db::Open(path));
  if (db.IsReadOnly()) return store::ReadOnlyDbError(path, "SQLite opened it read-only");
  Status st = ConfigureConnection(db);
  if (!st.ok()) return st.WithContext("cannot use " + path.string() + " as the campaign DB");
  ASSIGN_OR_RETURN(std::vector<store::Migration> migrations, store::EmbeddedMigrations());
  RETURN_IF_ERROR(store::ApplyMigrations(db, migrations));
  return std::unique_ptr<SqliteJobStore>(new SqliteJobStore(std::move(db)));
}

Status SqliteJobStore::UnknownJob(int64_t job_id) const {
  return Status::Error(Reason::kNotFound,
                       "no job with id " + std::to_string(job_id) + " in " + path().string());
}

Result<int64_t> SqliteJobStore::CreateCampaign(const CampaignInfo& info,
                                               const std::vector<JobSpec>& jobs) {
  std::lock_guard lock(mu_);
  const std::string now = NowIso8601();
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  ASSIGN_OR_RETURN(Statement campaign,
                   db_.Prepare("INSERT INTO campaigns (name, config_path, config_sha256, "
                               "config_text, device_spec, created_at, status, baselines) "
                               "VALUES (?, ?, ?, ?, ?, ?, 'running', ?)"));
  RETURN_IF_ERROR(campaign.BindAll(info.name, info.config_path, info.config_sha256,
                                   info.config_text, info.device_spec, now, info.baselines));
  RETURN_IF_ERROR(campaign.Run());
  const int64_t campaign_id = db_.LastInsertRowId();

  ASSIGN_OR_RETURN(Statement insert,
                   db_.Prepare("INSERT INTO jobs (campaign_id, model, model_path, batch, "
                               "precision, overrides, created_at, backend) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const JobSpec& spec : jobs) {
    insert.Reset();
    RETURN_IF_ERROR(insert.BindAll(campaign_id, spec.model, spec.model_path.string(), spec.batch,
                                   PrecisionName(spec.precision),
                                   store::OverridesToJson(spec.overrides), now, spec.backend));
    Status st = insert.Run();
    if (st.ok()) continue;
    std::string job = "model " + spec.model + ", batch " + std::to_string(spec.batch) +
                      ", precision " + std::string(PrecisionName(spec.precision)) + ", backend " +
                      spec.backend;
    if (st.message().find("UNIQUE") != std::string::npos) {
      return Status::Error(
          Reason::kInvalidArgument,
          "campaign " + info.name + " lists the job (" + job +
              ") more than once; each model x batch x precision x backend must be unique");
    }
    return st.WithContext("cannot store job (" + job + ")");
  }
  RETURN_IF_ERROR(txn.Commit());
  return campaign_id;
}

Status SqliteJobStore::StartAttempt(int64_t job_id, const std::string& log_path) {
  std::lock_guard lock(mu_);
  const std::string now = NowIso8601();
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  ASSIGN_OR_RETURN(std::optional<int> current, store::CurrentAttempt(db_, job_id));
  if (!current) return UnknownJob(job_id);
  const int attempt = *current + 1;
  ASSIGN_OR_RETURN(Statement job,
                   db_.Prepare("UPDATE jobs SET attempt = ?, status = 'converting', "
                               "started_at = ?, finished_at = NULL, engine_path = NULL, "
                               "cache_hit = 0, exit_code = NULL, signal = NULL, "
                               "failure_reason = NULL, failure_message = NULL, log_path = ? "
                               "WHERE id = ?"));
  RETURN_IF_ERROR(job.BindAll(attempt, now, NullIfEmpty(log_path), job_id));
  RETURN_IF_ERROR(job.Run());
  ASSIGN_OR_RETURN(Statement row,
                   db_.Prepare("INSERT INTO attempts (job_id, attempt, started_at, status, "
                               "log_path) VALUES (?, ?, ?, 'converting', ?)"));
  RETURN_IF_ERROR(row.BindAll(job_id, attempt, now, NullIfEmpty(log_path)));
  RETURN_IF_ERROR(row.Run());
  return txn.Commit();
}

Status SqliteJobStore::SetJobStatus(int64_t job_id, JobStatus status) {
  if (status == JobStatus::kSucceeded || status == JobStatus::kFailed) {
    return Status::Error(Reason::kInternal,
                         "SetJobStatus cannot finish a job; FinishAttempt records how it ended");
  }
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  ASSIGN_OR_RETURN(std::optional<int> attempt, store::CurrentAttempt(db_, job_id));
  if (!attempt) return UnknownJob(job_id);
  const std::string_view name = JobStatusName(status);
  ASSIGN_OR_RETURN(Statement job, db_.Prepare("UPDATE jobs SET status = ? WHERE id = ?"));
  RETURN_IF_ERROR(job.BindAll(name, job_id));
  RETURN_IF_ERROR(job.Run());
  if (status != JobStatus::kPending) {
    if (*attempt == 0) {
      return Status::Error(Reason::kInternal, "job " + std::to_string(job_id) +
                                                  " has no attempt; call StartAttempt first");
    }
    ASSIGN_OR_RETURN(Statement row, db_.Prepare("UPDATE attempts SET status = ? "
                                                "WHERE job_id = ? AND attempt = ?"));
    RETURN_IF_ERROR(row.BindAll(name, job_id, *attempt));
    RETURN_IF_ERROR(row.Run());
  }
  return txn.Commit();
}

Status SqliteJobStore::SetEngine(int64_t job_id, const std::string& engine_path, bool cache_hit) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  ASSIGN_OR_RETURN(std::optional<int> attempt, store::CurrentAttempt(db_, job_id));
  if (!attempt) return UnknownJob(job_id);
  const std::optional<std::string> engine = NullIfEmpty(engine_path);
  ASSIGN_OR_RETURN(Statement job,
                   db_.Prepare("UPDATE jobs SET engine_path = ?, cache_hit = ? WHERE id = ?"));
  RETURN_IF_ERROR(job.BindAll(engine, cache_hit ? 1 : 0, job_id));
  RETURN_IF_ERROR(job.Run());
  ASSIGN_OR_RETURN(Statement row, db_.Prepare("UPDATE attempts SET engine_path = ?, cache_hit = ? "
                                              "WHERE job_id = ? AND attempt = ?"));
  RETURN_IF_ERROR(row.BindAll(engine, cache_hit ? 1 : 0, job_id, *attempt));
  RETURN_IF_ERROR(row.Run());
  return txn.Commit();
}

Status SqliteJobStore::FinishAttempt(int64_t job_id, const JobOutcome& outcome) {
  std::lock_guard lock(mu_);
  const std::string now = NowIso8601();
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  ASSIGN_OR_RETURN(std::optional<int> attempt, store::CurrentAttempt(db_, job_id));
  if (!attempt) return UnknownJob(job_id);
  ASSIGN_OR_RETURN(bool open, store::AttemptInProgress(db_, job_id, *attempt));
  if (!open) {
    return Status::Error(Reason::kInternal, "job " + std::to_string(job_id) +
                                                " has no attempt in progress; call StartAttempt "
                                                "before FinishAttempt");
  }
  std::optional<std::string> reason;
  if (!outcome.succeeded) {
    reason = ReasonName(outcome.reason == Reason::kOk ? Reason::kInternal : outcome.reason);
  }
  const std::string_view status = outcome.succeeded ? "succeeded" : "failed";
  for (const char* sql :
       {"UPDATE jobs SET status = ?, finished_at = ?, exit_code = ?, signal = ?, "
        "failure_reason = ?, failure_message = ? WHERE id = ? AND attempt = ?",
        "UPDATE attempts SET status = ?, finished_at = ?, exit_code = ?, signal = ?, "
        "failure_reason = ?, failure_message = ? WHERE job_id = ? AND attempt = ?"}) {
    ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(sql));
    RETURN_IF_ERROR(stmt.BindAll(status, now, outcome.exit_code, outcome.signal, reason,
                                 NullIfEmpty(outcome.message), job_id, *attempt));
    RETURN_IF_ERROR(stmt.Run());
  }
  if (outcome.result) {
    RETURN_IF_ERROR(store::InsertResult(db_, job_id, *attempt, *outcome.result));
    RETURN_IF_ERROR(store::InsertMeasurement(db_, job_id, *attempt, *outcome.result));
  }
  return txn.Commit();
}

Result<std::vector<LayerProfile>> SqliteJobStore::TopLayers(int64_t job_id, int attempt, int n) {
  std::lock_guard lock(mu_);
  return store::QueryTopLayers(db_, job_id, attempt, n);
}

Result<std::string> SqliteJobStore::CampaignFingerprint(int64_t campaign_id) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(store::Statement stmt,
                   db_.Prepare("SELECT fingerprint FROM campaigns WHERE id = ?"));
  RETURN_IF_ERROR(stmt.Bind(1, campaign_id));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::Error(Reason::kNotFound, "no campaign " + std::to_string(campaign_id));
  return stmt.ColumnText(0);
}

Result<int> SqliteJobStore::ReopenCampaign(int64_t campaign_id) {
  std::lock_guard lock(mu_);
  const std::string now = NowIso8601();
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  ASSIGN_OR_RETURN(Statement campaign,
                   db_.Prepare("UPDATE campaigns SET status = 'running', finished_at = NULL "
                               "WHERE id = ?"));
  RETURN_IF_ERROR(campaign.BindAll(campaign_id));
  RETURN_IF_ERROR(campaign.Run());
  if (db_.Changes() == 0) {
    return Status::Error(Reason::kNotFound, "no campaign with id " + std::to_string(campaign_id) +
                                                " in " + path().string());
  }
  constexpr std::string_view kAbandoned =
      "the orchestrator stopped while this attempt ran (killed, crashed or interrupted); the "
      "job was run again on resume";
  ASSIGN_OR_RETURN(Statement attempts,
                   db_.Prepare("UPDATE attempts SET status = 'failed', finished_at = ?, "
                               "failure_reason = 'interrupted', failure_message = ? "
                               "WHERE finished_at IS NULL AND job_id IN "
                               "(SELECT id FROM jobs WHERE campaign_id = ?)"));
  RETURN_IF_ERROR(attempts.BindAll(now, kAbandoned, campaign_id));
  RETURN_IF_ERROR(attempts.Run());
  ASSIGN_OR_RETURN(Statement jobs,
                   db_.Prepare("UPDATE jobs SET status = 'pending', finished_at = NULL, "
                               "failure_reason = 'interrupted', failure_message = ? "
                               "WHERE campaign_id = ? AND (status IN ('converting', 'running') "
                               "OR (status = 'failed' AND failure_reason = 'interrupted'))"));
  RETURN_IF_ERROR(jobs.BindAll(kAbandoned, campaign_id));
  RETURN_IF_ERROR(jobs.Run());
  const int reset = db_.Changes();
  RETURN_IF_ERROR(txn.Commit());
  return reset;
}

Status SqliteJobStore::FinishCampaign(int64_t campaign_id, const std::string& status) {
  if (status != "finished" && status != "interrupted") {
    return Status::Error(Reason::kInternal,
                         "campaign status must be \"finished\" or "
                         "\"interrupted\", not \"" +
                             status + "\"");
  }
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_.Prepare("UPDATE campaigns SET status = ?, finished_at = ? WHERE id = ?"));
  RETURN_IF_ERROR(stmt.BindAll(status, NowIso8601(), campaign_id));
  RETURN_IF_ERROR(stmt.Run());
  if (db_.Changes() == 0) {
    return Status::Error(Reason::kNotFound, "no campaign with id " + std::to_string(campaign_id) +
                                                " in " + path().string());
  }
  return Status::Ok();
}

Result<CampaignRecord> SqliteJobStore::FindCampaign(const std::string& id_or_name) {
  std::lock_guard lock(mu_);
  if (id_or_name.empty() || id_or_name == "latest") {
    ASSIGN_OR_RETURN(auto latest, store::QueryCampaigns(db_, "ORDER BY id DESC LIMIT 1", {}));
    if (!latest.empty()) return latest.front();
  } else {
    const bool numeric = id_or_name.find_first_not_of("0123456789") == std::string::npos;
    if (numeric && id_or_name.size() < 19) {
      ASSIGN_OR_RETURN(auto by_id, store::QueryCampaigns(db_, "WHERE id = ?", id_or_name));
      if (!by_id.empty()) return by_id.front();
    }
    ASSIGN_OR_RETURN(auto by_name, store::QueryCampaigns(
                                       db_, "WHERE name = ? ORDER BY id DESC LIMIT 1", id_or_name));
    if (!by_name.empty()) return by_name.front();
  }
  ASSIGN_OR_RETURN(auto all, store::QueryCampaigns(db_, "ORDER BY id DESC", {}));
  return Status::Error(Reason::kNotFound,
                       store::DescribeUnknownCampaign(id_or_name, path().string(), all));
}

Result<std::vector<JobView>> SqliteJobStore::ListJobs(int64_t campaign_id) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto jobs, store::QueryJobs(db_, campaign_id));
  if (jobs.empty()) {
    ASSIGN_OR_RETURN(auto campaign,
                     store::QueryCampaigns(db_, "WHERE id = ?", std::to_string(campaign_id)));
    if (campaign.empty()) {
      return Status::Error(Reason::kNotFound, "no campaign with id " + std::to_string(campaign_id) +
                                                  " in " + path().string());
    }
  }
  return jobs;
}

Result<std::vector<CampaignRecord>> SqliteJobStore::ListCampaigns() {
  std::lock_guard lock(mu_);
  return store::QueryCampaigns(db_, "ORDER BY id", {});
}

}  // namespace campaign
