// The measurement fields of a stored result (migration 0002_measurement):
// breakdown and stability columns of `results`, the `layer_profiles` rows,
// and the campaign's fingerprint.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/run_result.h"
#include "orchestrator/store/sqlite_handle.h"

namespace campaign::store {

// Fills the measurement columns of the results row (job_id, attempt),
// inserts its layer_profiles rows and, when the campaign has none yet, sets
// the campaign's fingerprint. REQUIRES: InsertResult() for that row, in the
// same transaction.
Status InsertMeasurement(Db& db, int64_t job_id, int attempt, const RunResult& r);

// The `n` layers with the largest mean time of (job_id, attempt), largest
// first, from layer_profiles. Empty when the attempt has no profile.
Result<std::vector<LayerProfile>> QueryTopLayers(Db& db, int64_t job_id, int attempt, int n);

}  // namespace campaign::store
