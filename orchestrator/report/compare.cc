#include "orchestrator/report/compare.h"

#include <algorithm>
#include <cctype>

#include "orchestrator/model/backend_spec.h"
#include "orchestrator/report/report.h"

namespace campaign {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool SameDevice(const std::string& a, const std::string& b) {
  const std::string x = Lower(a), y = Lower(b);
  return x.find(y) != std::string::npos || y.find(x) != std::string::npos;
}

std::string Opt(const std::optional<double>& v, int decimals) {
  return v ? FormatFixed(*v, decimals) : "";
}

void FillOurs(ComparisonRow& row, const JobView& v) {
  row.in_campaign = true;
  row.ours_ok = HasTrustedResult(v);
  if (v.result) row.ours_device = v.result->device.name;
  if (v.result) row.ours_transfers = v.result->measure.transfers;
  if (!row.ours_ok) return;
  row.ours_median_ms = v.result->latency.median_ms;
  row.ours_stddev_ms = v.result->latency.stddev_ms;
  row.ours_throughput = v.result->throughput;
}

void FillRatiosAndVerdict(ComparisonRow& row) {
  const BaselineEntry& b = *row.base;
  if (row.ours_ok && !b.failed) {
    if (b.latency_ms && *row.ours_median_ms > 0)
      row.latency_ratio = *row.ours_median_ms / *b.latency_ms;
    if (b.throughput) row.throughput_ratio = *row.ours_throughput / *b.throughput;
  }
  std::optional<double> speed = row.throughput_ratio;
  if (!speed && row.latency_ratio) speed = 1.0 / *row.latency_ratio;
  if (speed) {
    row.verdict = *speed >= row.target_ratio ? "meets baseline" : "below baseline";
  } else if (row.in_campaign && !row.ours_ok && !b.failed) {
    row.verdict = "below baseline";  // our job failed: it cannot meet anything
    row.warnings.push_back("our job failed");
  } else {
    row.verdict = "not comparable";
  }
}

void FillChange(ComparisonRow& row, const RegressionRule& rule) {
  if (!row.in_campaign) {
    row.change_text = "not in campaign";
    return;
  }
  if (!row.base) {
    row.change_text = "new case";
    return;
  }
  const BaselineEntry& b = *row.base;
  if (!row.ours_ok && b.failed) {
    row.change_text = "still failing";
  } else if (!row.ours_ok) {
    row.change_text = "new failure";
    row.regression = true;
  } else if (b.failed || !b.latency_ms) {
    row.change_text = "fixed";
  } else {
    row.change = AssessChange(*b.latency_ms, b.latency_stddev_ms.value_or(0), *row.ours_median_ms,
                              row.ours_stddev_ms.value_or(0), rule);
    row.change_text = std::string(ChangeName(row.change->change));
    row.regression = row.change->change == Change::kRegression;
  }
}

}  // namespace

std::vector<std::string> ConditionWarnings(const BaselineEntry& b, const std::string& our_device,
                                           bool our_transfers) {
  std::vector<std::string> w;
  if (b.conditions.transfers_included && *b.conditions.transfers_included != our_transfers) {
    w.push_back(our_transfers
                    ? "baseline latency excludes host-device transfers, ours includes them"
                    : "baseline latency includes host-device transfers, ours excludes them "
                      "(measure: transfers: false)");
  } else if (!b.conditions.transfers_included) {
    w.push_back("baseline does not say whether its latency includes transfers");
  }
  if (b.conditions.cuda_graph == true) {
    w.push_back("baseline used CUDA graphs, we launch kernels one by one");
  }
  if (!b.device.empty() && !our_device.empty() && !SameDevice(b.device, our_device)) {
    w.push_back("baseline device '" + b.device + "' is not ours ('" + our_device + "')");
  }
  return w;
}

std::string DefaultCompareBackend(const std::vector<JobView>& jobs) {
  const bool has_opencl = std::any_of(jobs.begin(), jobs.end(), [](const JobView& v) {
    return v.job.spec.backend == kOpenclBackend;
  });
  return has_opencl || jobs.empty() ? kOpenclBackend : jobs.front().job.spec.backend;
}

Comparison Compare(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                   const Baseline& baseline, const CompareOptions& options) {
  Comparison c;
  c.campaign_label = "campaign " + std::to_string(campaign.id) + " (" + campaign.info.name + ")";
  if (options.backend != kOpenclBackend) c.campaign_label += ", backend " + options.backend;
  c.baseline_label = baseline.label;
  c.baseline_is_campaign = baseline.is_campaign;
  c.rule = options.rule;
  std::vector<bool> used(baseline.entries.size(), false);
  auto make_row = [&](const std::string& model, int batch, const std::string& precision) {
    ComparisonRow row;
    row.model = model;
    row.batch = batch;
    row.precision = precision;
    for (size_t i = 0; i < baseline.entries.size(); ++i) {
      const BaselineEntry& e = baseline.entries[i];
      if (used[i] || e.model != model || e.batch != batch || e.precision != precision) continue;
      if (!e.backend.empty() && e.backend != options.backend) continue;
      used[i] = true;
      row.base = e;
      break;
    }
    return row;
  };
  for (const auto& v : jobs) {
    if (v.job.spec.backend != options.backend) continue;
    ComparisonRow row = make_row(v.job.spec.model, v.job.spec.batch,
                                 std::string(PrecisionName(v.job.spec.precision)));
    FillOurs(row, v);
    c.rows.push_back(std::move(row));
  }
  for (size_t i = 0; i < baseline.entries.size(); ++i) {
    const BaselineEntry& e = baseline.entries[i];
    if (used[i] || (!e.backend.empty() && e.backend != options.backend)) continue;
    c.rows.push_back(make_row(e.model, e.batch, e.precision));
  }
  for (auto& row : c.rows) {
    row.target_ratio = options.target_ratio.value_or(
        row.base && row.base->target_ratio ? *row.base->target_ratio
                                           : baseline.target_ratio.value_or(kDefaultTargetRatio));
    if (row.base) {
      row.warnings = ConditionWarnings(*row.base, row.ours_device, row.ours_transfers);
      FillRatiosAndVerdict(row);
    } else {
      row.verdict = "not comparable";
    }
    if (baseline.is_campaign) FillChange(row, options.rule);
    if (row.verdict == "meets baseline") ++c.meets;
    if (row.verdict == "below baseline") ++c.below;
    if (row.regression) ++c.regressions;
    for (const auto& w : row.warnings) {
      if (std::find(c.warnings.begin(), c.warnings.end(), w) == c.warnings.end()) {
        c.warnings.push_back(w);
      }
    }
  }
  return c;
}

const std::vector<std::string>& ComparisonColumns() {
  static const std::vector<std::string> kColumns = {"model",
                                                    "batch",
                                                    "precision",
                                                    "ours_median_ms",
                                                    "ours_throughput",
                                                    "baseline_latency_ms",
                                                    "baseline_throughput",
                                                    "latency_ratio",
                                                    "throughput_ratio",
                                                    "target_ratio",
                                                    "verdict",
                                                    "change",
                                                    "relative_change",
                                                    "spread_ms",
                                                    "baseline_device",
                                                    "baseline_source",
                                                    "warnings"};
  return kColumns;
}

std::vector<std::string> ComparisonRowCells(const ComparisonRow& r) {
  auto ours = [&](const std::optional<double>& v, int d) {
    return !r.in_campaign ? std::string() : r.ours_ok ? Opt(v, d) : std::string("-1");
  };
  auto base = [&](const std::optional<double>& v, int d) {
    return !r.base ? std::string() : r.base->failed ? std::string("-1") : Opt(v, d);
  };
  std::string warnings;
  for (const auto& w : r.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
  return {r.model,
          std::to_string(r.batch),
          r.precision,
          ours(r.ours_median_ms, 3),
          ours(r.ours_throughput, 2),
          base(r.base ? r.base->latency_ms : std::nullopt, 3),
          base(r.base ? r.base->throughput : std::nullopt, 2),
          Opt(r.latency_ratio, 3),
          Opt(r.throughput_ratio, 3),
          FormatFixed(r.target_ratio, 2),
          r.verdict,
          r.change_text,
          r.change ? FormatFixed(r.change->relative * 100, 1) + "%" : "",
          r.change ? FormatFixed(r.change->spread_ms, 3) : "",
          r.base ? r.base->device : "",
          r.base ? r.base->source : "",
          warnings};
}

std::string RenderComparisonCsv(const Comparison& c) {
  std::string out = CsvLine(ComparisonColumns());
  for (const auto& r : c.rows) out += CsvLine(ComparisonRowCells(r));
  return out;
}

std::string RenderComparisonMarkdown(const Comparison& c) {
  std::string out = "# " + MdCell(c.campaign_label) + " vs " + MdCell(c.baseline_label) + "\n\n";
  if (!c.warnings.empty()) {
    out += "**Not like-for-like:**\n\n";
    for (const auto& w : c.warnings) out += "- " + MdCell(w) + "\n";
    out += "\n";
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : c.rows) rows.push_back(ComparisonRowCells(r));
  out += MdTable(ComparisonColumns(), rows) + "\n";
  out += std::to_string(c.meets) + " meet the baseline, " + std::to_string(c.below) + " below";
  if (c.baseline_is_campaign) {
    out += "; " + std::to_string(c.regressions) + " regression(s) (threshold " +
           FormatFixed(c.rule.relative_threshold * 100, 1) + "%, k = " + FormatFixed(c.rule.k, 1) +
           ")";
  }
  return out + ".\n";
}

HtmlExtras ComparisonHtmlExtras(const Comparison& c, double target_ratio) {
  HtmlExtras x;
  x.baseline_label = c.baseline_label;
  x.target_ratio = target_ratio;
  for (const auto& r : c.rows) {
    std::optional<double> speed = r.throughput_ratio;
    if (!speed && r.latency_ratio) speed = 1.0 / *r.latency_ratio;
    if (speed) x.ratios.push_back({r.model, r.batch, r.precision, *speed});
  }
  return x;
}

HtmlExtras MergedHtmlExtras(const std::vector<Comparison>& cs, double target_ratio) {
  HtmlExtras x;
  if (cs.empty()) return x;
  if (cs.size() == 1) return ComparisonHtmlExtras(cs[0], target_ratio);
  x.target_ratio = target_ratio;
  for (const auto& c : cs) {
    x.baseline_label += (x.baseline_label.empty() ? "" : "; ") + c.baseline_label;
    for (auto p : ComparisonHtmlExtras(c, target_ratio).ratios) {
      p.precision += " vs " + c.baseline_label;
      x.ratios.push_back(std::move(p));
    }
  }
  return x;
}

std::string RenderComparisonsCsv(const std::vector<Comparison>& cs) {
  std::vector<std::string> header = {"baseline"};
  for (const auto& col : ComparisonColumns()) header.push_back(col);
  std::string out = CsvLine(header);
  for (const auto& c : cs) {
    for (const auto& r : c.rows) {
      std::vector<std::string> cells = {c.baseline_label};
      for (auto& cell : ComparisonRowCells(r)) cells.push_back(std::move(cell));
      out += CsvLine(cells);
    }
  }
  return out;
}

}  // namespace campaign
