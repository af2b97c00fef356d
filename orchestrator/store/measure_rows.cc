#include "orchestrator/store/measure_rows.h"

#include <nlohmann/json.hpp>

namespace campaign::store {

namespace {

// The fingerprint as stored: the result JSON's "fingerprint" object.
std::string FingerprintJson(const RunResult& r) {
  return nlohmann::json::parse(ToJson(r)).at("fingerprint").dump();
}

}  // namespace

Status InsertMeasurement(Db& db, int64_t job_id, int attempt, const RunResult& r) {
  const std::string fingerprint = FingerprintJson(r);
  const std::optional<std::string> trace =
      r.trace_path.empty() ? std::nullopt : std::optional<std::string>(r.trace_path);
  ASSIGN_OR_RETURN(
      Statement row,
      db.Prepare("UPDATE results SET cov = ?, h2d_median_ms = ?, compute_median_ms = ?, "
                 "compute_cov = ?, d2h_median_ms = ?, enqueue_median_ms = ?, "
                 "throughput_wall = ?, cold_ms = ?, transfers = ?, unstable = ?, "
                 "unstable_threshold = ?, stability_metric = ?, repeats = ?, trace_path = ?, "
                 "fingerprint = ? WHERE job_id = ? AND attempt = ?"));
  RETURN_IF_ERROR(row.BindAll(
      r.latency.cov, r.h2d.median_ms, r.compute.median_ms, r.compute.cov, r.d2h.median_ms,
      r.enqueue.median_ms, r.throughput_wall, r.measure.cold_ms, r.measure.transfers ? 1 : 0,
      r.measure.unstable ? 1 : 0, r.measure.unstable_threshold, r.measure.stability_metric,
      r.measure.repeats, trace, fingerprint, job_id, attempt));
  RETURN_IF_ERROR(row.Run());
  for (size_t i = 0; i < r.profile.size(); ++i) {
    const LayerProfile& l = r.profile[i];
    ASSIGN_OR_RETURN(Statement layer,
                     db.Prepare("INSERT INTO layer_profiles (job_id, attempt, layer_index, name, "
                                "op_type, mean_ms, median_ms, share) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    RETURN_IF_ERROR(layer.BindAll(job_id, attempt, static_cast<int64_t>(i), l.name, l.op_type,
                                  l.mean_ms, l.median_ms, l.share));
    RETURN_IF_ERROR(layer.Run());
  }
  if (r.fingerprint.device_name.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(Statement campaign,
                   db.Prepare("UPDATE campaigns SET fingerprint = ? WHERE fingerprint IS NULL "
                              "AND id = (SELECT campaign_id FROM jobs WHERE id = ?)"));
  RETURN_IF_ERROR(campaign.BindAll(fingerprint, job_id));
  return campaign.Run();
}

Result<std::vector<LayerProfile>> QueryTopLayers(Db& db, int64_t job_id, int attempt, int n) {
  ASSIGN_OR_RETURN(Statement stmt,
                   db.Prepare("SELECT name, op_type, mean_ms, median_ms, share FROM "
                              "layer_profiles WHERE job_id = ? AND attempt = ? "
                              "ORDER BY mean_ms DESC, layer_index LIMIT ?"));
  RETURN_IF_ERROR(stmt.BindAll(job_id, attempt, n));
  std::vector<LayerProfile> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnDouble(2),
                   stmt.ColumnDouble(3), stmt.ColumnDouble(4)});
  }
  return out;
}

}  // namespace campaign::store
