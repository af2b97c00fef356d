#include "orchestrator/store/store_rows.h"

#include "orchestrator/store/overrides_json.h"

namespace campaign::store {

Result<std::optional<int>> CurrentAttempt(Db& db, int64_t job_id) {
  ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT attempt FROM jobs WHERE id = ?"));
  RETURN_IF_ERROR(stmt.Bind(1, job_id));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<int>();
  return std::optional<int>(static_cast<int>(stmt.ColumnInt64(0)));
}

Result<bool> AttemptInProgress(Db& db, int64_t job_id, int attempt) {
  ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT finished_at IS NULL FROM attempts "
                                              "WHERE job_id = ? AND attempt = ?"));
  RETURN_IF_ERROR(stmt.BindAll(job_id, attempt));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row && stmt.ColumnInt64(0) == 1;
}

Status InsertResult(Db& db, int64_t job_id, int attempt, const RunResult& r) {
  ASSIGN_OR_RETURN(
      Statement stmt,
      db.Prepare("INSERT INTO results (job_id, attempt, device_name, device_platform, "
                 "device_vendor, device_type, device_driver, warmup_iterations, iterations, "
                 "mean_ms, median_ms, min_ms, max_ms, p90_ms, p95_ms, p99_ms, stddev_ms, "
                 "throughput, load_ms, validation_checked, max_abs_error, max_rel_error, "
                 "cosine, norm_rel_error, validation_tolerance, validation_passed, result_json) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?, ?, ?)"));
  const LatencyStats& l = r.latency;
  const Validation& v = r.validation;
  RETURN_IF_ERROR(stmt.BindAll(job_id, attempt, r.device.name, r.device.platform, r.device.vendor,
                               r.device.type, r.device.driver_version, r.warmup_iterations,
                               r.iterations, l.mean_ms, l.median_ms, l.min_ms, l.max_ms, l.p90_ms,
                               l.p95_ms, l.p99_ms, l.stddev_ms, r.throughput, r.load_ms,
                               v.checked ? 1 : 0, v.max_abs_error, v.max_rel_error, v.cosine,
                               v.norm_rel_error, v.tolerance, v.passed ? 1 : 0, ToJson(r)));
  return stmt.Run();
}

namespace {

constexpr char kCampaignColumns[] =
    "SELECT id, name, config_path, config_sha256, config_text, device_spec, created_at, "
    "finished_at, status, baselines FROM campaigns ";

CampaignRecord ReadCampaign(const Statement& s) {
  CampaignRecord c;
  c.id = s.ColumnInt64(0);
  c.info.name = s.ColumnText(1);
  c.info.config_path = s.ColumnText(2);
  c.info.config_sha256 = s.ColumnText(3);
  c.info.config_text = s.ColumnText(4);
  c.info.device_spec = s.ColumnText(5);
  c.created_at = s.ColumnText(6);
  c.finished_at = s.ColumnText(7);
  c.status = s.ColumnText(8);
  c.info.baselines = s.ColumnText(9);
  return c;
}

constexpr char kJobColumns[] =
    "SELECT j.id, j.campaign_id, j.model, j.model_path, j.batch, j.precision, j.overrides, "
    "j.status, j.attempt, j.created_at, j.started_at, j.finished_at, j.engine_path, "
    "j.cache_hit, j.exit_code, j.signal, j.failure_reason, j.failure_message, j.log_path, "
    "r.result_json, j.backend FROM jobs j "
    "LEFT JOIN results r ON r.job_id = j.id AND r.attempt = j.attempt ";

std::optional<int> OptionalInt(const Statement& s, int column) {
  std::optional<int64_t> v = s.ColumnOptionalInt64(column);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

Status Corrupt(int64_t job_id, const std::string& what, const Status& st) {
  return Status::Error(Reason::kIoError, "job " + std::to_string(job_id) + " in the DB has " +
                                             what + ": " + st.message());
}

Result<JobView> ReadJob(const Statement& s) {
  JobView view;
  JobRecord& j = view.job;
  j.id = s.ColumnInt64(0);
  j.campaign_id = s.ColumnInt64(1);
  j.spec.model = s.ColumnText(2);
  j.spec.model_path = s.ColumnText(3);
  j.spec.batch = static_cast<int>(s.ColumnInt64(4));
  std::optional<Precision> precision = PrecisionFromName(s.ColumnText(5));
  if (!precision) {
    return Status::Error(Reason::kIoError, "job " + std::to_string(j.id) +
                                               " in the DB has unknown precision \"" +
                                               s.ColumnText(5) + "\"");
  }
  j.spec.precision = *precision;
  Result<InputOverrides> overrides = OverridesFromJson(s.ColumnText(6));
  if (!overrides.ok()) return Corrupt(j.id, "bad overrides", overrides.status());
  j.spec.overrides = std::move(overrides).value();
  std::optional<JobStatus> status = JobStatusFromName(s.ColumnText(7));
  if (!status) {
    return Status::Error(Reason::kIoError, "job " + std::to_string(j.id) +
                                               " in the DB has unknown status \"" +
                                               s.ColumnText(7) + "\"");
  }
  j.status = *status;
  j.attempt = static_cast<int>(s.ColumnInt64(8));
  j.created_at = s.ColumnText(9);
  j.started_at = s.ColumnText(10);
  j.finished_at = s.ColumnText(11);
  j.engine_path = s.ColumnText(12);
  j.cache_hit = s.ColumnInt64(13) != 0;
  j.exit_code = OptionalInt(s, 14);
  j.signal = OptionalInt(s, 15);
  j.failure_reason = s.ColumnText(16);
  j.failure_message = s.ColumnText(17);
  j.log_path = s.ColumnText(18);
  j.spec.backend = s.ColumnText(20);
  if (!s.IsNull(19)) {
    Result<RunResult> result = RunResultFromJson(s.ColumnText(19));
    if (!result.ok()) return Corrupt(j.id, "an unreadable result", result.status());
    view.result = std::move(result).value();
  }
  return view;
}

}  // namespace

Result<std::vector<CampaignRecord>> QueryCampaigns(Db& db, const std::string& tail,
                                                   const std::optional<std::string>& arg) {
  ASSIGN_OR_RETURN(Statement stmt, db.Prepare(kCampaignColumns + tail));
  if (arg) RETURN_IF_ERROR(stmt.Bind(1, *arg));
  std::vector<CampaignRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    out.push_back(ReadCampaign(stmt));
  }
}

Result<std::vector<JobView>> QueryJobs(Db& db, int64_t campaign_id) {
  ASSIGN_OR_RETURN(Statement stmt,
                   db.Prepare(std::string(kJobColumns) + "WHERE j.campaign_id = ? ORDER BY j.id"));
  RETURN_IF_ERROR(stmt.Bind(1, campaign_id));
  std::vector<JobView> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(JobView view, ReadJob(stmt));
    out.push_back(std::move(view));
  }
}

std::string DescribeUnknownCampaign(const std::string& id_or_name, const std::string& db_path,
                                    const std::vector<CampaignRecord>& known) {
  if (known.empty()) {
    return "no campaigns in " + db_path + " yet; start one with `campaign run <file.yaml>`";
  }
  std::string msg = "no campaign \"" + id_or_name + "\" in " + db_path + "; known campaigns:";
  constexpr size_t kMaxListed = 10;
  for (size_t i = 0; i < known.size() && i < kMaxListed; ++i) {
    const CampaignRecord& c = known[i];
    msg += "\n  " + std::to_string(c.id) + "  " + c.info.name + "  (" + c.created_at + ", " +
           c.status + ")";
  }
  if (known.size() > kMaxListed) {
    msg += "\n  ... and " + std::to_string(known.size() - kMaxListed) + " older";
  }
  return msg;
}

}  // namespace campaign::store
