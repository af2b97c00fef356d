// SqliteJobStore: the JobStore in an SQLite file (results/campaign.db by
// default), readable with `sqlite3 results/campaign.db`; tables in
// schema/database.md.
//
// Thread-safety: all methods may be called from any thread; each one holds an
// internal mutex for its (short) transaction. Other processes may open the
// same file: WAL mode, and writers wait up to 10 s for each other.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "orchestrator/store/job_store.h"
#include "orchestrator/store/sqlite_handle.h"

namespace campaign {

class SqliteJobStore final : public JobStore {
 public:
  // Opens `db`, creating its parent directories and the file if missing, and
  // applies pending schema migrations. Errors, each naming the path:
  //  - a read-only file or directory: "cannot write to DB ...: read-only ...;
  //    choose another path with --db or CAMPAIGN_DB"
  //  - a file that is not a database: "... is not a SQLite database ..."
  //  - a database made by a newer campaign: "database schema version X is
  //    newer than this campaign binary supports (Y); upgrade campaign"
  static Result<std::unique_ptr<SqliteJobStore>> Open(const std::filesystem::path& db);

  SqliteJobStore(const SqliteJobStore&) = delete;
  SqliteJobStore& operator=(const SqliteJobStore&) = delete;

  const std::filesystem::path& path() const { return db_.path(); }

  Result<int64_t> CreateCampaign(const CampaignInfo& info,
                                 const std::vector<JobSpec>& jobs) override;
  Status StartAttempt(int64_t job_id, const std::string& log_path) override;
  Status SetJobStatus(int64_t job_id, JobStatus status) override;
  Status SetEngine(int64_t job_id, const std::string& engine_path, bool cache_hit) override;
  Status FinishAttempt(int64_t job_id, const JobOutcome& outcome) override;
  Result<int> ReopenCampaign(int64_t campaign_id) override;
  Status FinishCampaign(int64_t campaign_id, const std::string& status) override;
  Result<CampaignRecord> FindCampaign(const std::string& id_or_name) override;
  Result<std::vector<JobView>> ListJobs(int64_t campaign_id) override;
  Result<std::vector<CampaignRecord>> ListCampaigns() override;

  // The `n` slowest layers of attempt (job_id, attempt) from its per-layer
  // profile, largest mean first; empty without a profile. For reports.
  Result<std::vector<LayerProfile>> TopLayers(int64_t job_id, int attempt, int n);
  // The campaign's environment fingerprint (JSON), "" until a job measured.
  Result<std::string> CampaignFingerprint(int64_t campaign_id);

 private:
  explicit SqliteJobStore(store::Db db) : db_(std::move(db)) {}

  // kNotFound naming the job and the DB.
  Status UnknownJob(int64_t job_id) const;

  std::mutex mu_;  // guards db_: one transaction at a time
  store::Db db_;
};

}  // namespace campaign
