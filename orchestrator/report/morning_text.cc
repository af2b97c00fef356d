// The morning summary as Markdown and JSON (morning.h).
#include <nlohmann/json.hpp>

#include "orchestrator/report/morning.h"
#include "orchestrator/report/report.h"

namespace campaign {

namespace {

std::string Pct(const std::optional<double>& v) {
  if (!v) return "";
  return (*v >= 0 ? "+" : "") + FormatFixed(*v * 100, 1) + "%";
}

std::string Ms(const std::optional<double>& v) { return v ? FormatFixed(*v, 3) : "-1"; }

std::string Counts(const MorningReport& m) {
  std::string o = std::to_string(m.cells.size()) + " jobs:";
  bool first = true;
  for (const auto& [outcome, n] : m.by_outcome) {
    if (n == 0) continue;
    o += std::string(first ? " " : ", ") + std::to_string(n) + " " +
         std::string(CellOutcomeLabel(outcome));
    first = false;
  }
  return o;
}

std::string MatrixCellText(const MatrixCell& c) {
  if (c.outcome == CellOutcome::kFailed) return "-1 " + c.reason;
  if (c.outcome == CellOutcome::kPending) return c.status;
  std::string t = FormatFixed(*c.median_ms, 3);
  if (c.ratio) t += " (" + FormatFixed(*c.ratio, 2) + "x)";
  if (c.outcome != CellOutcome::kOk) t += " " + std::string(CellOutcomeName(c.outcome));
  return t;
}

nlohmann::json Opt(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json ItemJson(const MorningReport& m, const RegressionItem& r) {
  const MatrixCell& c = m.cells[r.cell];
  return {{"job", c.job},
          {"model", c.model},
          {"batch", c.batch},
          {"precision", std::string(PrecisionName(c.precision))},
          {"backend", c.backend},
          {"against", r.against},
          {"verdict", r.verdict},
          {"ours_ms", Opt(r.ours_ms)},
          {"base_ms", Opt(r.base_ms)},
          {"relative", Opt(r.relative)},
          {"spread_ms", Opt(r.spread_ms)},
          {"ratio", Opt(r.ratio)},
          {"target_ratio", r.target_ratio},
          {"log", c.log}};
}

}  // namespace

std::string RenderMorningMarkdown(const MorningReport& m) {
  std::string o = "## Summary\n\n" + Counts(m) + ".";
  if (!m.by_reason.empty()) {
    o += " Failures by reason:";
    bool first = true;
    for (const auto& [reason, n] : m.by_reason) {
      o += std::string(first ? " " : ", ") + reason + " " + std::to_string(n);
      first = false;
    }
    o += ".";
  }
  if (!m.previous_label.empty()) {
    o += " Against " + m.previous_label + ": " + std::to_string(m.regressions.size()) +
         " regression(s), " + std::to_string(m.improvements) + " improvement(s), " +
         std::to_string(m.within_noise) + " within noise, " + std::to_string(m.fixed) + " fixed.";
  }
  o += "\n\n";
  std::vector<std::string> header = {"model"};
  for (const auto& col : m.matrix.columns) header.push_back(col.Name());
  std::vector<std::vector<std::string>> rows;
  for (size_t r = 0; r < m.matrix.models.size(); ++r) {
    rows.push_back({m.matrix.models[r]});
    for (const auto& cell : m.matrix.cells[r]) {
      rows.back().push_back(cell ? MatrixCellText(m.cells[*cell]) : "");
    }
  }
  o += MdTable(header, rows) + "\nCells: median ms (ratio to the baseline); -1 = failed.\n\n";

  o += "## Failures\n\n";
  if (m.failures.empty()) o += "None.\n\n";
  for (const auto& g : m.failures) {
    o += "### " + MdCell(g.Headline()) + "\n\n";
    rows.clear();
    for (size_t i : g.jobs) {
      const MatrixCell& c = m.cells[i];
      rows.push_back({c.Label(), c.message, std::to_string(c.attempts), c.log});
    }
    o += MdTable({"case", "message", "attempts", "log"}, rows) + "\n";
  }

  o += "## Regressions\n\n";
  if (m.regressions.empty() && m.below_baseline.empty()) o += "None.\n";
  if (!m.regressions.empty()) {
    rows.clear();
    for (const auto& r : m.regressions) {
      const MatrixCell& c = m.cells[r.cell];
      rows.push_back({c.Label(), r.against, r.verdict, Ms(r.base_ms), Ms(r.ours_ms),
                      Pct(r.relative), r.spread_ms ? FormatFixed(*r.spread_ms, 3) : "", c.log});
    }
    o +=
        MdTable({"case", "against", "verdict", "before_ms", "now_ms", "change", "spread_ms", "log"},
                rows) +
        "\n";
  }
  if (!m.below_baseline.empty()) {
    rows.clear();
    for (const auto& r : m.below_baseline) {
      const MatrixCell& c = m.cells[r.cell];
      rows.push_back({c.Label(), r.against, Ms(r.base_ms), Ms(r.ours_ms), FormatFixed(*r.ratio, 3),
                      FormatFixed(r.target_ratio, 2)});
    }
    o += MdTable({"case", "below baseline", "baseline_ms", "ours_ms", "ratio", "target"}, rows) +
         "\n";
  }
  return o;
}

std::string RenderMorningJson(const MorningReport& m) {
  nlohmann::json outcomes = nlohmann::json::object();
  for (const auto& [o, n] : m.by_outcome) outcomes[std::string(CellOutcomeName(o))] = n;
  nlohmann::json matrix = nlohmann::json::array();
  for (const auto& c : m.cells) {
    matrix.push_back({{"job", c.job},
                      {"model", c.model},
                      {"batch", c.batch},
                      {"precision", std::string(PrecisionName(c.precision))},
                      {"backend", c.backend},
                      {"outcome", std::string(CellOutcomeName(c.outcome))},
                      {"median_ms", c.median_ms ? *c.median_ms : -1.0},
                      {"ratio", Opt(c.ratio)},
                      {"change", c.change},
                      {"reason", c.reason},
                      {"log", c.log}});
  }
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& g : m.failures) {
    nlohmann::json jobs = nlohmann::json::array();
    for (size_t i : g.jobs) {
      const MatrixCell& c = m.cells[i];
      jobs.push_back({{"job", c.job},
                      {"case", c.Label()},
                      {"message", c.message},
                      {"attempts", c.attempts},
                      {"log", c.log}});
    }
    failures.push_back({{"reason", g.reason}, {"models", g.models}, {"jobs", std::move(jobs)}});
  }
  nlohmann::json regressions = nlohmann::json::array(), below = nlohmann::json::array();
  for (const auto& r : m.regressions) regressions.push_back(ItemJson(m, r));
  for (const auto& r : m.below_baseline) below.push_back(ItemJson(m, r));
  nlohmann::json summary = {{"jobs", m.cells.size()},
                            {"by_status", m.by_status},
                            {"by_reason", m.by_reason},
                            {"by_outcome", std::move(outcomes)},
                            {"previous", m.previous_label},
                            {"baselines", m.baseline_labels},
                            {"improvements", m.improvements},
                            {"within_noise", m.within_noise},
                            {"fixed", m.fixed},
                            {"matrix", std::move(matrix)}};
  nlohmann::json o = {{"summary", std::move(summary)},
                      {"failures", std::move(failures)},
                      {"regressions", std::move(regressions)},
                      {"below_baseline", std::move(below)}};
  return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace campaign
