#include <algorithm>
#include <set>
#include <tuple>

#include "orchestrator/model/backend_spec.h"
#include "orchestrator/report/morning_inputs.h"
#include "orchestrator/report/report.h"

namespace campaign {

namespace {

using CaseKey = std::tuple<std::string, int, std::string, std::string>;  // model, b, p, backend

CaseKey KeyOf(const MatrixCell& c) {
  return {c.model, c.batch, std::string(PrecisionName(c.precision)), c.backend};
}

CaseKey KeyOf(const ComparisonRow& r, const std::string& backend) {
  return {r.model, r.batch, r.precision, backend};
}

MatrixCell CellOf(const JobView& v, const std::string& report_dir) {
  MatrixCell c;
  const JobRecord& j = v.job;
  c.job = j.id;
  c.model = j.spec.model;
  c.batch = j.spec.batch;
  c.precision = j.spec.precision;
  c.backend = j.spec.backend;
  c.status = std::string(JobStatusName(j.status));
  c.attempts = j.attempt;
  c.reason = j.failure_reason;
  c.message = j.failure_message;
  c.log = j.log_path.empty() ? "" : LogHref(j.log_path, report_dir);
  if (HasTrustedResult(v)) {
    const RunResult& r = *v.result;
    c.median_ms = r.latency.median_ms;
    c.stddev_ms = r.latency.stddev_ms;
    c.throughput = r.throughput;
    c.cov = StabilityCov(r);
    c.note = r.measure.preflight;
    c.outcome = !r.measure.preflight.empty() ? CellOutcome::kThrottled
                : r.measure.unstable         ? CellOutcome::kUnstable
                                             : CellOutcome::kOk;
  } else if (j.status == JobStatus::kFailed || j.status == JobStatus::kSucceeded) {
    c.outcome = CellOutcome::kFailed;
    if (c.reason.empty()) c.reason = "no_result";
  } else {
    c.outcome = CellOutcome::kPending;
  }
  return c;
}

// Columns by batch, precision, then backend with opencl first.
bool ColumnLess(const MatrixColumn& a, const MatrixColumn& b) {
  auto rank = [](const std::string& backend) { return backend == kOpenclBackend ? 0 : 1; };
  return std::make_tuple(a.batch, a.precision, rank(a.backend), a.backend) <
         std::make_tuple(b.batch, b.precision, rank(b.backend), b.backend);
}

StatusMatrix BuildMatrix(const std::vector<MatrixCell>& cells) {
  StatusMatrix m;
  for (const auto& c : cells) {
    if (std::find(m.models.begin(), m.models.end(), c.model) == m.models.end()) {
      m.models.push_back(c.model);
    }
    MatrixColumn col{c.batch, c.precision, c.backend};
    auto same = [&](const MatrixColumn& x) {
      return x.batch == col.batch && x.precision == col.precision && x.backend == col.backend;
    };
    if (std::none_of(m.columns.begin(), m.columns.end(), same)) m.columns.push_back(col);
  }
  std::stable_sort(m.columns.begin(), m.columns.end(), ColumnLess);
  m.cells.assign(m.models.size(), std::vector<std::optional<size_t>>(m.columns.size()));
  for (size_t i = 0; i < cells.size(); ++i) {
    const auto& c = cells[i];
    const size_t row = std::find(m.models.begin(), m.models.end(), c.model) - m.models.begin();
    for (size_t k = 0; k < m.columns.size(); ++k) {
      const MatrixColumn& col = m.columns[k];
      if (col.batch == c.batch && col.precision == c.precision && col.backend == c.backend) {
        m.cells[row][k] = i;
      }
    }
  }
  return m;
}

std::vector<FailureGroup> GroupFailures(const std::vector<MatrixCell>& cells) {
  std::map<std::string, FailureGroup> groups;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].outcome != CellOutcome::kFailed) continue;
    FailureGroup& g = groups[cells[i].reason];
    g.reason = cells[i].reason;
    g.jobs.push_back(i);
  }
  std::vector<FailureGroup> out;
  for (auto& [reason, g] : groups) {
    std::stable_sort(g.jobs.begin(), g.jobs.end(), [&](size_t a, size_t b) {
      return std::tie(cells[a].message, cells[a].model) <
             std::tie(cells[b].message, cells[b].model);
    });
    std::set<std::string> models;
    for (size_t i : g.jobs) models.insert(cells[i].model);
    g.models = static_cast<int>(models.size());
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const FailureGroup& a, const FailureGroup& b) {
    return a.jobs.size() > b.jobs.size();
  });
  return out;
}

// Regression rows of a campaign comparison; counts the other changes.
void AddCampaignChanges(const BackendComparison& bc, const std::map<CaseKey, size_t>& index,
                        bool count, MorningReport& m) {
  for (const auto& r : bc.comparison.rows) {
    auto it = index.find(KeyOf(r, bc.backend));
    if (it == index.end()) continue;
    MatrixCell& cell = m.cells[it->second];
    if (count) {
      cell.change = r.change_text;
      if (r.change) cell.relative = r.change->relative;
      if (r.change && r.change->change == Change::kImprovement) ++m.improvements;
      if (r.change && r.change->change == Change::kWithinNoise) ++m.within_noise;
      if (r.change_text == "fixed") ++m.fixed;
    }
    if (!r.regression) continue;
    if (cell.outcome != CellOutcome::kFailed) cell.outcome = CellOutcome::kRegressed;
    RegressionItem item;
    item.cell = it->second;
    item.against = bc.comparison.baseline_label;
    item.verdict = r.change_text;
    item.ours_ms = r.ours_median_ms;
    if (r.base) item.base_ms = r.base->latency_ms;
    if (r.change) item.relative = r.change->relative;
    if (r.change) item.spread_ms = r.change->spread_ms;
    m.regressions.push_back(item);
  }
}

void AddPublished(const BackendComparison& bc, const std::map<CaseKey, size_t>& index,
                  MorningReport& m) {
  for (const auto& r : bc.comparison.rows) {
    auto it = index.find(KeyOf(r, bc.backend));
    if (it == index.end()) continue;
    MatrixCell& cell = m.cells[it->second];
    std::optional<double> speed = r.throughput_ratio;
    if (!speed && r.latency_ratio && *r.latency_ratio > 0) speed = 1.0 / *r.latency_ratio;
    if (speed && !cell.ratio) {
      cell.ratio = speed;
      cell.target_ratio = r.target_ratio;
      cell.baseline = bc.comparison.baseline_label;
    }
    if (r.verdict != "below baseline" || !speed) continue;  // a failed job is already -1
    if (cell.outcome == CellOutcome::kOk || cell.outcome == CellOutcome::kUnstable ||
        cell.outcome == CellOutcome::kThrottled) {
      cell.outcome = CellOutcome::kBelowBaseline;
    }
    RegressionItem item;
    item.cell = it->second;
    item.against = bc.comparison.baseline_label;
    item.verdict = r.verdict;
    item.ours_ms = r.ours_median_ms;
    if (r.base) item.base_ms = r.base->latency_ms;
    item.ratio = speed;
    item.target_ratio = r.target_ratio;
    m.below_baseline.push_back(item);
  }
}

void SortWorstFirst(MorningReport& m) {
  std::stable_sort(m.regressions.begin(), m.regressions.end(),
                   [](const RegressionItem& a, const RegressionItem& b) {
                     const bool fa = !a.relative, fb = !b.relative;  // new failures first
                     if (fa != fb) return fa;
                     return a.relative.value_or(0) > b.relative.value_or(0);
                   });
  std::stable_sort(m.below_baseline.begin(), m.below_baseline.end(),
                   [](const RegressionItem& a, const RegressionItem& b) {
                     return *a.ratio / a.target_ratio < *b.ratio / b.target_ratio;
                   });
}

}  // namespace

std::string_view CellOutcomeName(CellOutcome o) {
  switch (o) {
    case CellOutcome::kFailed:
      return "failed";
    case CellOutcome::kRegressed:
      return "regressed";
    case CellOutcome::kBelowBaseline:
      return "below-baseline";
    case CellOutcome::kThrottled:
      return "throttled";
    case CellOutcome::kUnstable:
      return "unstable";
    case CellOutcome::kOk:
      return "ok";
    case CellOutcome::kPending:
      return "pending";
  }
  return "ok";
}

std::string_view CellOutcomeLabel(CellOutcome o) {
  switch (o) {
    case CellOutcome::kFailed:
      return "-1 (failed)";
    case CellOutcome::kBelowBaseline:
      return "below baseline";
    case CellOutcome::kThrottled:
      return "throttled / disturbed";
    case CellOutcome::kPending:
      return "not run";
    default:
      return CellOutcomeName(o);
  }
}

const std::vector<CellOutcome>& AllCellOutcomes() {
  static const std::vector<CellOutcome> kAll = {
      CellOutcome::kFailed,    CellOutcome::kRegressed, CellOutcome::kBelowBaseline,
      CellOutcome::kThrottled, CellOutcome::kUnstable,  CellOutcome::kOk,
      CellOutcome::kPending};
  return kAll;
}

std::string MatrixCell::Label() const {
  return model + " b" + std::to_string(batch) + " " + std::string(PrecisionName(precision)) +
         (backend == kOpenclBackend ? "" : " " + backend);
}

std::string MatrixCell::Tooltip() const {
  std::string t =
      Label() + " (job " + std::to_string(job) + "): " + std::string(CellOutcomeLabel(outcome));
  if (!reason.empty()) t += "\n" + reason + ": " + message;
  t += "\nstatus " + status + ", " + std::to_string(attempts) + " attempt(s)";
  if (median_ms) {
    t += "\nmedian " + FormatFixed(*median_ms, 3) + " ms, stddev " + FormatFixed(*stddev_ms, 3) +
         " ms, CoV " + FormatFixed(*cov * 100, 2) + " %, " + FormatFixed(*throughput, 1) +
         " inferences/s";
  }
  if (ratio) {
    t += "\n" + FormatFixed(*ratio, 2) + "x " + baseline + " (target " +
         FormatFixed(target_ratio, 2) + ")";
  }
  if (!change.empty()) {
    t += "\nvs previous: " + change;
    if (relative)
      t += " (" + std::string(*relative >= 0 ? "+" : "") + FormatFixed(*relative * 100, 1) + " %)";
  }
  if (!note.empty()) t += "\npre-flight: " + note;
  if (!log.empty()) t += "\nlog: " + log;
  return t;
}

std::string MatrixColumn::Name() const {
  return "b" + std::to_string(batch) + " " + std::string(PrecisionName(precision)) +
         (backend == kOpenclBackend ? "" : " " + backend);
}

std::string FailureGroup::Headline() const {
  return reason + " \u2014 " + std::to_string(jobs.size()) +
         (jobs.size() == 1 ? " job, " : " jobs, ") + std::to_string(models) +
         (models == 1 ? " model" : " models");
}

MorningReport BuildMorningReport(const std::vector<JobView>& jobs, const MorningInputs& inputs) {
  MorningReport m;
  std::map<CaseKey, size_t> index;
  for (const auto& v : jobs) {
    m.cells.push_back(CellOf(v, inputs.report_dir));
    index[KeyOf(m.cells.back())] = m.cells.size() - 1;
    ++m.by_status[m.cells.back().status];
  }
  m.previous_label = inputs.previous_label;
  for (const auto& bc : inputs.previous) AddCampaignChanges(bc, index, true, m);
  for (const auto& bc : inputs.baselines) {
    if (bc.comparison.baseline_is_campaign) {
      AddCampaignChanges(bc, index, false, m);
      continue;
    }
    AddPublished(bc, index, m);
    const auto& labels = m.baseline_labels;
    if (std::find(labels.begin(), labels.end(), bc.comparison.baseline_label) == labels.end()) {
      m.baseline_labels.push_back(bc.comparison.baseline_label);
    }
  }
  SortWorstFirst(m);
  for (CellOutcome o : AllCellOutcomes()) m.by_outcome[o] = 0;
  for (const auto& c : m.cells) {
    ++m.by_outcome[c.outcome];
    if (c.outcome == CellOutcome::kFailed) ++m.by_reason[c.reason];
  }
  m.matrix = BuildMatrix(m.cells);
  m.failures = GroupFailures(m.cells);
  return m;
}

}  // namespace campaign
