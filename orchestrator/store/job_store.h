// JobStore: where campaigns, jobs, attempts and results are recorded.
//
// An interface so the scheduler can be tested against an in-memory fake;
// SqliteJobStore (sqlite_job_store.h) is the real one, whose tables are
// documented for users in schema/database.md.
//
// Lifecycle of a job: CreateCampaign inserts it as pending; each try is
// StartAttempt (-> converting) [, SetEngine] [, SetJobStatus(kRunning)],
// then FinishAttempt (-> succeeded | failed). A later StartAttempt on the same
// job begins attempt 2; the history of all attempts is kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/run_result.h"
#include "common/status.h"
#include "orchestrator/model/job_spec.h"

namespace campaign {

// What identifies a campaign run; stored as given.
struct CampaignInfo {
  std::string name;           // `name:` from the YAML
  std::string config_path;    // the YAML file as given on the command line
  std::string config_sha256;  // hex sha256 of config_text
  std::string config_text;    // the YAML exactly as run
  std::string device_spec;    // the device selection requested (may be "")
  // The YAML's `baselines:` as JSON (orchestrator/report/campaign_baselines.h);
  // "" when it has none.
  std::string baselines = "";  // NOLINT: initialised so aggregate inits may omit it
};

enum class JobStatus { kPending, kConverting, kRunning, kSucceeded, kFailed };

// "pending", "converting", "running", "succeeded", "failed" (stored in the DB).
std::string_view JobStatusName(JobStatus s);
// Inverse of JobStatusName; nullopt for unknown names.
std::optional<JobStatus> JobStatusFromName(std::string_view name);

// A job row: the spec plus the state of its latest attempt. Strings are ""
// where the DB holds NULL (not yet known).
struct JobRecord {
  int64_t id = 0;
  int64_t campaign_id = 0;
  JobSpec spec;
  JobStatus status = JobStatus::kPending;
  int attempt = 0;          // attempts started so far
  std::string created_at;   // ISO-8601 UTC with milliseconds
  std::string started_at;   // of the latest attempt
  std::string finished_at;  // of the latest attempt
  std::string engine_path;
  bool cache_hit = false;        // engine came from the cache
  std::optional<int> exit_code;  // runner exit status, when it exited
  std::optional<int> signal;     // signal that killed the runner
  std::string failure_reason;    // ReasonName(), "" unless failed
  std::string failure_message;
  std::string log_path;
};

// How an attempt ended.
struct JobOutcome {
  bool succeeded = false;
  std::optional<int> exit_code;
  std::optional<int> signal;
  Reason reason = Reason::kOk;  // REQUIRES != kOk when !succeeded
  std::string message;          // for the user; "" when succeeded
  // The runner's result, stored even when the attempt failed after
  // measuring (e.g. kAccuracy).
  std::optional<RunResult> result;
};

struct CampaignRecord {
  int64_t id = 0;
  CampaignInfo info;
  std::string created_at;
  std::string finished_at;  // "" while running
  std::string status;       // "running", "finished", "interrupted"
};

// A job and the result of its latest attempt, if that attempt stored one.
struct JobView {
  JobRecord job;
  std::optional<RunResult> result;
};

// Every method is one short transaction: on error nothing was written.
// Errors name the database and what to do.
class JobStore {
 public:
  virtual ~JobStore() = default;

  // Inserts the campaign (status "running") and all `jobs` (pending, in this
  // order) atomically. kInvalidArgument when two jobs share model, batch,
  // precision and backend; then no campaign is stored.
  virtual Result<int64_t> CreateCampaign(const CampaignInfo& info,
                                         const std::vector<JobSpec>& jobs) = 0;

  // Begins the next attempt: attempt += 1, status converting, started_at now,
  // the previous attempt's outcome cleared from the job row, and a new
  // attempts row. kNotFound for an unknown job.
  virtual Status StartAttempt(int64_t job_id, const std::string& log_path) = 0;

  // Moves the job (and its current attempt) to kPending, kConverting or
  // kRunning. kInternal for kSucceeded/kFailed (FinishAttempt records those),
  // and for kConverting/kRunning before any StartAttempt. kNotFound for an
  // unknown job.
  virtual Status SetJobStatus(int64_t job_id, JobStatus status) = 0;

  // Records the engine the current attempt uses.
  virtual Status SetEngine(int64_t job_id, const std::string& engine_path, bool cache_hit) = 0;

  // Ends the current attempt: job row, attempts row and (if outcome.result)
  // results row, atomically. kInternal when no attempt was started.
  virtual Status FinishAttempt(int64_t job_id, const JobOutcome& outcome) = 0;

  // Makes a campaign runnable again (resume), atomically: every attempt left
  // open by an orchestrator that died (kill -9, power loss) is closed as
  // failed/'interrupted'; jobs caught converting or running, and jobs whose
  // last attempt was interrupted, go back to pending; the campaign is
  // "running" again. Finished jobs are untouched. Returns how many jobs went
  // back to pending.
  virtual Result<int> ReopenCampaign(int64_t campaign_id) = 0;

  // status: "finished" or "interrupted"; sets finished_at.
  virtual Status FinishCampaign(int64_t campaign_id, const std::string& status) = 0;

  // "" or "latest": the most recent campaign; all digits: that id (or, if no
  // such id, a campaign of that name); otherwise the most recent campaign
  // with that name. kNotFound with the list of known campaigns otherwise.
  virtual Result<CampaignRecord> FindCampaign(const std::string& id_or_name) = 0;

  // The campaign's jobs in insertion (matrix) order.
  virtual Result<std::vector<JobView>> ListJobs(int64_t campaign_id) = 0;

  // All campaigns, oldest first.
  virtual Result<std::vector<CampaignRecord>> ListCampaigns() = 0;
};

}  // namespace campaign
