// `campaign report`: a campaign's jobs as CSV, Markdown, JSON or HTML, long or pivoted.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "common/file_util.h"
#include "orchestrator/cli/commands.h"
#include "orchestrator/cli/stored_campaign.h"
#include "orchestrator/model/paths.h"
#include "orchestrator/report/campaign_baselines.h"
#include "orchestrator/report/compare.h"
#include "orchestrator/report/morning_inputs.h"
#include "orchestrator/report/pivot.h"
#include "orchestrator/report/report.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

// Layers per job in the HTML report's "Per-layer top N" section.
constexpr size_t kHtmlTopLayers = 5;

struct ReportOptions {
  std::string campaign;  // id or name; "" = latest
  std::string format = "csv";
  std::string output;
  std::string db;
  bool pivot = false;
  std::string metric = "median";
  int history = 0;  // campaigns in the HTML #trends section; 0 = none
};

// Where the report will lie, for relative log links: the output file's
// directory, else the working directory (stdout is usually redirected there).
std::string ReportDir(const std::string& output) {
  std::error_code ec;
  const std::filesystem::path dir = output.empty()
                                        ? std::filesystem::current_path(ec)
                                        : std::filesystem::absolute(output, ec).parent_path();
  return ec ? "" : dir.string();
}

int Report(const ReportOptions& opt) {
  auto format = ReportFormatFromName(opt.format);
  if (!format) {
    PrintError("unknown report format '" + opt.format + "'; use csv, md, json or html");
    return kExitUsage;
  }
  auto metric = PivotMetricFromName(opt.metric);
  if (!metric) {
    PrintError("unknown pivot metric '" + opt.metric + "'; use median, p99 or throughput");
    return kExitUsage;
  }
  if (opt.pivot && *format != ReportFormat::kCsv && *format != ReportFormat::kMarkdown) {
    PrintError("--pivot works with --format=csv or md (the HTML report always has a pivot table)");
    return kExitUsage;
  }
  if (opt.history < 0 || (opt.history > 0 && *format != ReportFormat::kHtml)) {
    PrintError("--history N takes N >= 1 and works with --format=html");
    return kExitUsage;
  }
  auto stored = OpenStoredCampaign(opt.db, opt.campaign);
  if (!stored.ok()) {
    PrintError(stored.status().message());
    return kExitUsage;
  }
  const CampaignRecord* campaign = &stored->campaign;
  const std::vector<JobView>* jobs = &stored->jobs;
  std::string text;
  std::optional<MorningReport> morning;
  if (!opt.pivot && *format != ReportFormat::kCsv) {
    const MorningInputs in =
        LoadMorningInputs(*stored->store, *campaign, *jobs, ReportDir(opt.output));
    // The HTML path below warns about baselines it cannot load itself.
    for (const auto& w : in.warnings) {
      if (*format != ReportFormat::kHtml)
        std::fprintf(stderr, "campaign: warning: %s\n", w.c_str());
    }
    morning = BuildMorningReport(*jobs, in);
  }
  if (opt.pivot) {
    const PivotTable table = BuildPivot(*jobs, *metric);
    text = *format == ReportFormat::kCsv ? RenderPivotCsv(table) : RenderPivotMarkdown(table);
  } else if (*format == ReportFormat::kHtml) {
    // The campaign's own `baselines:` add ratio charts; one that cannot be
    // loaded (e.g. campaign:previous of the first campaign) is left out.
    auto specs = BaselineSpecsFromJson(campaign->info.baselines);
    if (!specs.ok()) {
      PrintError(specs.status().message());
      return kExitFailure;
    }
    std::vector<Comparison> cmps;
    CompareOptions copt;
    copt.backend = DefaultCompareBackend(*jobs);
    std::optional<double> target;
    for (const auto& spec : *specs) {
      auto b = LoadSpecBaseline(spec, *stored->store, *campaign);
      if (!b.ok()) {
        std::fprintf(stderr, "campaign: warning: baseline %s left out of the report: %s\n",
                     spec.source.c_str(), b.status().message().c_str());
        continue;
      }
      if (!target) target = b->target_ratio.value_or(kDefaultTargetRatio);
      cmps.push_back(Compare(*campaign, *jobs, *b, copt));
    }
    HtmlExtras extras = MergedHtmlExtras(cmps, target.value_or(kDefaultTargetRatio));
    extras.layer_top_n = static_cast<int>(kHtmlTopLayers);
    extras.layer_profiles = LayersForHtml(*jobs, kHtmlTopLayers);
    extras.morning = morning;
    if (opt.history > 0) {
      auto trends = CollectTrends(*stored->store, *campaign, opt.history);
      if (!trends.ok()) {
        PrintError(trends.status().message());
        return kExitFailure;
      }
      extras.trends = std::move(*trends);
    }
    text = RenderHtmlReport(*campaign, *jobs, extras);
  } else {
    text = RenderReport(*campaign, *jobs, *format, morning ? &*morning : nullptr);
  }
  if (opt.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  Status st = WriteFileAtomic(opt.output, text);
  if (!st.ok()) {
    PrintError(st.message());
    return kExitFailure;
  }
  std::fprintf(stderr, "wrote %s (%zu jobs)\n", opt.output.c_str(), jobs->size());
  return kExitOk;
}

}  // namespace

void AddReportCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("--campaign", opt->campaign, "Campaign id or name (default: the latest)");
  sub->add_option("--format", opt->format, "csv (default), md, json or html");
  sub->add_flag("--pivot", opt->pivot,
                "One row per model, a column per batch x precision (the seeds' table.csv)");
  sub->add_option("--metric", opt->metric,
                  "Pivot cell: median (default, ms), p99 (ms) or throughput (inferences/s)");
  sub->add_option("--history", opt->history,
                  "HTML: add #trends, every case over the last N campaigns of this name");
  sub->add_option("-o,--output", opt->output, "Write to this file instead of stdout");
  sub->add_option("--db", opt->db,
                  "SQLite job store (default: $CAMPAIGN_DB, else results/campaign.db)");
  sub->callback([opt, exit_code] { *exit_code = Report(*opt); });
}

}  // namespace campaign
