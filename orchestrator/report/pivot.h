// The pivot layout of the seeds' table.csv: one row per model, one column per
// batch x precision ("b8_fp16"), each cell one number of that job.
//
// Columns are ordered by batch (ascending), then precision (fp32, fp16,
// int8); rows keep the campaign's model order. A job without trusted numbers
// shows -1; a cell the matrix does not have stays empty. A campaign with
// command backends has one row per model x backend and a `backend` column
// after `model` (a campaign of our engine alone keeps the seeds' layout).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/precision.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

enum class PivotMetric { kMedianMs, kP99Ms, kThroughput };
// "median" (or "latency"), "p99", "throughput"; nullopt otherwise.
std::optional<PivotMetric> PivotMetricFromName(const std::string& name);
// "median_ms", "p99_ms", "throughput": the unit shown in headers.
std::string PivotMetricLabel(PivotMetric m);

struct PivotColumn {
  int batch = 1;
  Precision precision = Precision::kFp32;
  std::string Name() const;  // "b8_fp16"
};

struct PivotTable {
  PivotMetric metric = PivotMetric::kMedianMs;
  std::vector<PivotColumn> columns;
  std::vector<std::string> models;                        // row labels
  std::vector<std::string> backends;                      // per row
  bool multi_backend = false;                             // some job is not of the opencl backend
  std::vector<std::vector<std::optional<double>>> cells;  // [model][column]; -1 = failed
};

PivotTable BuildPivot(const std::vector<JobView>& jobs, PivotMetric metric);

// Cell text: "" (no such job), "-1" (failed), else the number (3 decimals for
// latencies, 2 for throughput).
std::string PivotCellText(const PivotTable& t, const std::optional<double>& cell);

// "model,b1_fp32,..." then one line per model.
std::string RenderPivotCsv(const PivotTable& t);
// A Markdown table with the same header and rows.
std::string RenderPivotMarkdown(const PivotTable& t);

}  // namespace campaign
