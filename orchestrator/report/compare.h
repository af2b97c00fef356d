// Comparing a campaign with a baseline (baseline.h): one row per case
// (model x batch x precision) with ours/baseline ratios, a verdict against a
// target ratio, warnings when the conditions differ, and, for a campaign
// baseline, the regression rule (regression.h). Semantics: docs/reports.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "orchestrator/baseline/baseline.h"
#include "orchestrator/report/regression.h"
#include "orchestrator/report/report_html.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

struct CompareOptions {
  // Overrides the baseline's and each case's target ratio when set.
  std::optional<double> target_ratio;
  RegressionRule rule;
  // Our side: the campaign's jobs of this backend (a campaign baseline's
  // entries of the same backend).
  std::string backend = "opencl";
};

inline constexpr double kDefaultTargetRatio = 1.0;

struct ComparisonRow {
  std::string model;
  int batch = 1;
  std::string precision;
  bool in_campaign = false;  // we have a job for this case
  bool ours_ok = false;      // ... with trusted numbers
  std::optional<double> ours_median_ms, ours_stddev_ms, ours_throughput;
  std::string ours_device;
  bool ours_transfers = true;  // our latency includes host-device copies (not --no-transfers)
  std::optional<BaselineEntry> base;       // the matching baseline case
  std::optional<double> latency_ratio;     // ours / baseline latency (< 1: we are faster)
  std::optional<double> throughput_ratio;  // ours / baseline throughput (> 1: we are faster)
  double target_ratio = kDefaultTargetRatio;
  std::string verdict;  // "meets baseline", "below baseline", "not comparable"
  // Campaign baselines only.
  std::optional<ChangeAssessment> change;
  std::string change_text;            // ChangeName(), "new failure", "fixed", ...
  bool regression = false;            // counts towards the exit code
  std::vector<std::string> warnings;  // conditions that are not like-for-like
};

struct Comparison {
  std::string campaign_label;
  std::string baseline_label;
  bool baseline_is_campaign = false;
  RegressionRule rule;
  std::vector<ComparisonRow> rows;
  std::vector<std::string> warnings;  // distinct row warnings, first-seen order
  int meets = 0, below = 0, regressions = 0;
};

// "opencl" when the campaign has jobs of our engine (or none), else the
// backend of its first job.
std::string DefaultCompareBackend(const std::vector<JobView>& jobs);

// Rows follow the campaign's job order; baseline cases without a job follow.
// The verdict uses throughput_ratio, or baseline/ours latency when either
// side has no throughput; >= target: "meets baseline".
Comparison Compare(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                   const Baseline& baseline, const CompareOptions& options);

// Warnings for comparing our numbers (no CUDA graph, on `our_device`, with
// host-device copies in the latency when `our_transfers`) with baseline case `b`.
std::vector<std::string> ConditionWarnings(const BaselineEntry& b, const std::string& our_device,
                                           bool our_transfers = true);

const std::vector<std::string>& ComparisonColumns();
std::vector<std::string> ComparisonRowCells(const ComparisonRow& row);
std::string RenderComparisonCsv(const Comparison& c);
// A title, the warnings as a list, the table and a one-line summary.
std::string RenderComparisonMarkdown(const Comparison& c);

// Throughput ratios of the comparable rows, for the HTML report's chart.
HtmlExtras ComparisonHtmlExtras(const Comparison& c, double target_ratio);

// Several comparisons in one chart section: series "fp16 vs LABEL"; the
// target line of the first. Empty extras for no comparisons.
HtmlExtras MergedHtmlExtras(const std::vector<Comparison>& cs, double target_ratio);

// One CSV table of several comparisons with a leading `baseline` column.
std::string RenderComparisonsCsv(const std::vector<Comparison>& cs);

}  // namespace campaign
