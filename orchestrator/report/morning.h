// The morning summary of a campaign: what the first screen of every report
// format answers (docs/reports.md, "The first screen").
//
//   - counts by job status, by failure reason and by cell outcome;
//   - the status matrix: models x (batch, precision, backend), one cell per
//     job, classified by outcome (CellOutcome) with its numbers and log;
//   - the failures (every -1), grouped by reason;
//   - the regressions against the previous campaign of the same name (the
//     noise-aware rule of regression.h, through Compare) and the cases below
//     the YAML's published baselines, worst first.
//
// Built by BuildMorningReport (morning_inputs.h), which is pure;
// LoadMorningInputs reads the store to find the previous campaign and the
// campaign's `baselines:`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orchestrator/store/job_store.h"

namespace campaign {

// One outcome per cell. When several apply, the first in this order wins:
// a failure hides everything else, a regression hides a missed baseline, etc.
enum class CellOutcome {
  kFailed,         // -1: no trusted numbers (the reason says why)
  kRegressed,      // slower than the previous campaign (regression rule)
  kBelowBaseline,  // ours/baseline ratio under the target ratio
  kThrottled,      // the pre-flight check warned (measure.preflight): numbers disturbed
  kUnstable,       // CoV above the noise gate's threshold (measure.unstable)
  kOk,
  kPending,  // not run (yet): pending, converting or running
};

// "failed", "regressed", "below-baseline", "throttled", "unstable", "ok",
// "pending": the CSS class suffix and the JSON value.
std::string_view CellOutcomeName(CellOutcome o);
// For legends: "-1 (failed)", "regressed", "below baseline", ...
std::string_view CellOutcomeLabel(CellOutcome o);
// Every outcome, in the priority order above.
const std::vector<CellOutcome>& AllCellOutcomes();

// One job of the campaign with what the first screen says about it.
struct MatrixCell {
  int64_t job = 0;
  std::string model;
  int batch = 1;
  Precision precision = Precision::kFp32;
  std::string backend;
  CellOutcome outcome = CellOutcome::kOk;
  std::string status;                                           // JobStatusName
  int attempts = 0;                                             // attempts started
  std::string reason;                                           // failure reason ("" unless failed)
  std::string message;                                          // failure message
  std::optional<double> median_ms, stddev_ms, throughput, cov;  // trusted numbers only
  std::string note;                                             // pre-flight warning
  // Against the first of the YAML's published baselines that has this case.
  std::optional<double> ratio;  // ours / baseline throughput (> 1: we are faster)
  double target_ratio = 1.0;
  std::string baseline;  // its label
  // Against the previous campaign of the same name.
  std::string change;              // ChangeName(), "new failure", "fixed", ...
  std::optional<double> relative;  // median change, fraction (0.1 = 10 % slower)
  std::string log;                 // link to the log, relative to the report
  std::string Label() const;       // "resnet50 b8 fp16" (+ " pytorch" off opencl)
  std::string Tooltip() const;     // the numbers, one per line
};

struct MatrixColumn {
  int batch = 1;
  Precision precision = Precision::kFp32;
  std::string backend;
  std::string Name() const;  // "b8 fp16", + " pytorch" for a command backend
};

// Rows: models in campaign order; columns by batch, precision, then backend
// (opencl first); cells[m][c] indexes MorningReport::cells (nullopt: no job).
struct StatusMatrix {
  std::vector<std::string> models;
  std::vector<MatrixColumn> columns;
  std::vector<std::vector<std::optional<size_t>>> cells;
};

struct FailureGroup {
  std::string reason;            // e.g. "unsupported_op"
  std::vector<size_t> jobs;      // indexes into cells, sorted by message then model
  int models = 0;                // distinct models among them
  std::string Headline() const;  // "unsupported_op — 3 jobs, 2 models"
};

// A case that got worse: against a campaign (regression rule) or below a
// published baseline.
struct RegressionItem {
  size_t cell = 0;      // index into cells
  std::string against;  // the baseline's label
  std::string verdict;  // "regression", "new failure", "below baseline"
  std::optional<double> ours_ms, base_ms;
  std::optional<double> relative;   // campaign: (ours - base) / base
  std::optional<double> spread_ms;  // campaign: the combined spread
  std::optional<double> ratio;      // published: ours / baseline throughput
  double target_ratio = 1.0;
};

struct MorningReport {
  std::vector<MatrixCell> cells;  // campaign (matrix) order
  StatusMatrix matrix;
  std::map<std::string, int> by_status;   // "succeeded" -> 12
  std::map<std::string, int> by_reason;   // "unsupported_op" -> 2
  std::map<CellOutcome, int> by_outcome;  // every outcome, 0 included
  std::vector<FailureGroup> failures;     // most jobs first
  std::string previous_label;             // "" = no previous campaign
  // Against campaigns: regressions and new failures, new failures first,
  // then by relative change, largest first.
  std::vector<RegressionItem> regressions;
  // Against published baselines: below the target, furthest below first.
  std::vector<RegressionItem> below_baseline;
  std::vector<std::string> baseline_labels;           // the published baselines compared
  int improvements = 0, within_noise = 0, fixed = 0;  // vs the previous campaign

  int Outcomes(CellOutcome o) const {  // by_outcome[o], 0 when absent
    auto it = by_outcome.find(o);
    return it == by_outcome.end() ? 0 : it->second;
  }
};

// `log` as a link from a report written in `report_dir`: relative when both
// are known ("logs/c3/7.log", "../r/logs/1.log"), percent-escaped for an
// href; as stored when `report_dir` is "".
std::string LogHref(const std::string& log, const std::string& report_dir);

// The same summary, failures and regressions as Markdown sections (for a CI
// comment) and as a JSON object (keys: summary, failures, regressions,
// below_baseline; docs/reports.md).
std::string RenderMorningMarkdown(const MorningReport& m);
std::string RenderMorningJson(const MorningReport& m);  // a JSON object, compact

}  // namespace campaign
