// `campaign compare --baseline SOURCE`: a campaign against published numbers,
// a trtexec log or another campaign; exit 1 when a regression is found.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "common/file_util.h"
#include "orchestrator/cli/commands.h"
#include "orchestrator/cli/stored_campaign.h"
#include "orchestrator/model/paths.h"
#include "orchestrator/report/baseline_source.h"
#include "orchestrator/report/campaign_baselines.h"
#include "orchestrator/report/compare.h"
#include "orchestrator/report/report_html.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

struct CompareCliOptions {
  std::vector<std::string> baselines;
  std::string campaign;
  std::string format = "md";
  std::string output;
  std::string db;
  double target_ratio = -1;
  double threshold_percent = 5;
  double k = 3;
  TrtexecOverrides trtexec;
  int baseline_batch = 0;
  std::string backend;  // "" = opencl, or the campaign's first backend without opencl jobs
};

// All --baseline sources as one baseline. A campaign baseline must be alone.
Result<Baseline> LoadAll(const CompareCliOptions& opt, JobStore& store,
                         const CampaignRecord& current) {
  Baseline merged;
  for (const auto& source : opt.baselines) {
    ASSIGN_OR_RETURN(Baseline b, LoadBaseline(source, store, current, opt.trtexec));
    if (b.is_campaign && opt.baselines.size() > 1) {
      return Status::Error(Reason::kInvalidArgument,
                           "--baseline " + source +
                               ": a campaign baseline cannot be combined with other baselines; "
                               "run compare once per baseline");
    }
    if (opt.baselines.size() == 1) return b;
    merged.label += (merged.label.empty() ? "" : " + ") + b.label;
    if (!merged.target_ratio) merged.target_ratio = b.target_ratio;
    for (auto& e : b.entries) merged.entries.push_back(std::move(e));
  }
  return merged;
}

int Run(CompareCliOptions opt) {
  if (opt.format != "csv" && opt.format != "md" && opt.format != "html") {
    PrintError("unknown compare format '" + opt.format + "'; use csv, md or html");
    return kExitUsage;
  }
  if (opt.baseline_batch > 0) opt.trtexec.batch = opt.baseline_batch;
  if (!opt.trtexec.precision.empty()) {
    auto p = NormalizePrecision(opt.trtexec.precision);
    if (!p) {
      PrintError("--baseline-precision '" + opt.trtexec.precision + "': use fp32, fp16 or int8");
      return kExitUsage;
    }
    opt.trtexec.precision = *p;
  }
  auto stored = OpenStoredCampaign(opt.db, opt.campaign);
  if (!stored.ok()) {
    PrintError(stored.status().message());
    return kExitUsage;
  }
  auto* store = &stored->store;
  const CampaignRecord* current = &stored->campaign;
  const std::vector<JobView>* jobs = &stored->jobs;
  // --baseline, else the campaign's own `baselines:`.
  std::vector<Baseline> baselines;
  if (!opt.baselines.empty()) {
    auto baseline = LoadAll(opt, **store, *current);
    if (!baseline.ok()) {
      PrintError(baseline.status().message());
      return kExitUsage;
    }
    baselines.push_back(std::move(*baseline));
  } else {
    auto stored_baselines = LoadCampaignBaselines(**store, *current);
    if (!stored_baselines.ok()) {
      PrintError(stored_baselines.status().message());
      return kExitUsage;
    }
    baselines = std::move(*stored_baselines);
    if (baselines.empty()) {
      PrintError("campaign " + std::to_string(current->id) + " (" + current->info.name +
                 ") has no `baselines:` in its YAML; give --baseline SOURCE (a .csv/.yaml file, "
                 "a trtexec log, campaign:previous|ID|NAME or backend:NAME)");
      return kExitUsage;
    }
  }
  if (opt.backend.empty()) opt.backend = DefaultCompareBackend(*jobs);
  const bool has_backend =
      jobs->empty() || std::any_of(jobs->begin(), jobs->end(), [&](const JobView& v) {
        return v.job.spec.backend == opt.backend;
      });
  if (!has_backend) {
    PrintError("--backend " + opt.backend + ": campaign " + std::to_string(current->id) +
               " has no job of that backend");
    return kExitUsage;
  }
  CompareOptions copt;
  if (opt.target_ratio > 0) copt.target_ratio = opt.target_ratio;
  copt.rule.relative_threshold = opt.threshold_percent / 100;
  copt.rule.k = opt.k;
  copt.backend = opt.backend;
  std::vector<Comparison> cmps;
  int regressions = 0;
  std::string labels;
  for (const auto& b : baselines) {
    cmps.push_back(Compare(*current, *jobs, b, copt));
    for (const auto& w : cmps.back().warnings) {
      std::fprintf(stderr, "campaign: warning: not like-for-like (%s): %s\n", b.label.c_str(),
                   w.c_str());
    }
    if (cmps.back().regressions > 0) {
      regressions += cmps.back().regressions;
      labels += (labels.empty() ? "" : ", ") + cmps.back().baseline_label;
    }
  }
  std::string text;
  if (opt.format == "csv") {
    text = cmps.size() == 1 ? RenderComparisonCsv(cmps[0]) : RenderComparisonsCsv(cmps);
  } else if (opt.format == "md") {
    for (const auto& c : cmps) text += (text.empty() ? "" : "\n") + RenderComparisonMarkdown(c);
  } else {
    const double target =
        copt.target_ratio.value_or(baselines[0].target_ratio.value_or(kDefaultTargetRatio));
    text = RenderHtmlReport(*current, *jobs, MergedHtmlExtras(cmps, target));
  }
  if (opt.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else if (Status st = WriteFileAtomic(opt.output, text); !st.ok()) {
    PrintError(st.message());
    return kExitFailure;
  }
  if (regressions > 0) {
    std::fprintf(stderr, "campaign: %d regression(s) against %s\n", regressions, labels.c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void AddCompareCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<CompareCliOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("--baseline", opt->baselines,
                  "A .csv/.yaml of published numbers, a trtexec log, or "
                  "campaign:ID|NAME|previous, or backend:NAME (repeatable for files; "
                  "default: the campaign's own baselines:)");
  sub->add_option("--backend", opt->backend,
                  "Our side: the campaign's jobs of this backend (default opencl, or the "
                  "campaign's first backend when it has no opencl job)");
  sub->add_option("--campaign", opt->campaign, "Campaign id or name (default: the latest)");
  sub->add_option("--format", opt->format, "md (default), csv or html");
  sub->add_option("-o,--output", opt->output, "Write to this file instead of stdout");
  sub->add_option("--target-ratio", opt->target_ratio,
                  "Ours/baseline throughput a case must reach to meet the baseline "
                  "(default: the baseline's target_ratio, else 1.0)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--threshold", opt->threshold_percent,
                  "Regression rule: relative change in percent (default 5)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--k", opt->k, "Regression rule: multiples of the combined stddev (default 3)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--baseline-model", opt->trtexec.model, "Model name for trtexec logs");
  sub->add_option("--baseline-batch", opt->baseline_batch, "Batch size for trtexec logs")
      ->check(CLI::PositiveNumber);
  sub->add_option("--baseline-precision", opt->trtexec.precision,
                  "Precision for trtexec logs (fp32, fp16, int8)");
  sub->add_option("--db", opt->db,
                  "SQLite job store (default: $CAMPAIGN_DB, else results/campaign.db)");
  sub->callback([opt, exit_code] { *exit_code = Run(*opt); });
}

}  // namespace campaign
