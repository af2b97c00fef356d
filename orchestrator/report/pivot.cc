#include "orchestrator/report/pivot.h"

#include <algorithm>

#include "orchestrator/report/report.h"

namespace campaign {

namespace {

double MetricOf(const RunResult& r, PivotMetric m) {
  switch (m) {
    case PivotMetric::kMedianMs:
      return r.latency.median_ms;
    case PivotMetric::kP99Ms:
      return r.latency.p99_ms;
    case PivotMetric::kThroughput:
      return r.throughput;
  }
  return 0;
}

std::vector<std::string> Header(const PivotTable& t) {
  std::vector<std::string> h = {"model"};
  if (t.multi_backend) h.push_back("backend");
  for (const auto& c : t.columns) h.push_back(c.Name());
  return h;
}

std::vector<std::vector<std::string>> Rows(const PivotTable& t) {
  std::vector<std::vector<std::string>> rows;
  for (size_t m = 0; m < t.models.size(); ++m) {
    std::vector<std::string> row = {t.models[m]};
    if (t.multi_backend) row.push_back(t.backends[m]);
    for (const auto& cell : t.cells[m]) row.push_back(PivotCellText(t, cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::optional<PivotMetric> PivotMetricFromName(const std::string& name) {
  if (name == "median" || name == "latency" || name == "median_ms") return PivotMetric::kMedianMs;
  if (name == "p99" || name == "p99_ms") return PivotMetric::kP99Ms;
  if (name == "throughput") return PivotMetric::kThroughput;
  return std::nullopt;
}

std::string PivotMetricLabel(PivotMetric m) {
  switch (m) {
    case PivotMetric::kMedianMs:
      return "median_ms";
    case PivotMetric::kP99Ms:
      return "p99_ms";
    case PivotMetric::kThroughput:
      return "throughput";
  }
  return "";
}

std::string PivotColumn::Name() const {
  return "b" + std::to_string(batch) + "_" + std::string(PrecisionName(precision));
}

PivotTable BuildPivot(const std::vector<JobView>& jobs, PivotMetric metric) {
  PivotTable t;
  t.metric = metric;
  auto row_of = [&t](const JobSpec& s) {
    for (size_t i = 0; i < t.models.size(); ++i) {
      if (t.models[i] == s.model && t.backends[i] == s.backend) return i;
    }
    return t.models.size();
  };
  for (const auto& v : jobs) {
    const JobSpec& s = v.job.spec;
    if (row_of(s) == t.models.size()) {
      t.models.push_back(s.model);
      t.backends.push_back(s.backend);
    }
    if (s.backend != "opencl") t.multi_backend = true;
    auto same = [&](const PivotColumn& c) {
      return c.batch == s.batch && c.precision == s.precision;
    };
    if (std::none_of(t.columns.begin(), t.columns.end(), same)) {
      t.columns.push_back({s.batch, s.precision});
    }
  }
  std::sort(t.columns.begin(), t.columns.end(), [](const PivotColumn& a, const PivotColumn& b) {
    return a.batch != b.batch ? a.batch < b.batch : a.precision < b.precision;
  });
  t.cells.assign(t.models.size(), std::vector<std::optional<double>>(t.columns.size()));
  for (const auto& v : jobs) {
    const JobSpec& s = v.job.spec;
    const size_t m = row_of(s);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (t.columns[c].batch != s.batch || t.columns[c].precision != s.precision) continue;
      t.cells[m][c] = HasTrustedResult(v) ? MetricOf(*v.result, metric) : -1.0;
    }
  }
  return t;
}

std::string PivotCellText(const PivotTable& t, const std::optional<double>& cell) {
  if (!cell) return "";
  if (*cell < 0) return "-1";
  return FormatFixed(*cell, t.metric == PivotMetric::kThroughput ? 2 : 3);
}

std::string RenderPivotCsv(const PivotTable& t) {
  std::string out = CsvLine(Header(t));
  for (const auto& row : Rows(t)) out += CsvLine(row);
  return out;
}

std::string RenderPivotMarkdown(const PivotTable& t) {
  return "Cells: " + PivotMetricLabel(t.metric) + " (-1 = failed)\n\n" +
         MdTable(Header(t), Rows(t));
}

}  // namespace campaign
