// `campaign history --model M [--batch B] [--precision P]`: a case over time.
#include <cstdio>
#include <memory>

#include "orchestrator/cli/commands.h"
#include "orchestrator/cli/stored_campaign.h"
#include "orchestrator/model/paths.h"
#include "orchestrator/report/history.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

struct HistoryOptions {
  std::string model;
  int batch = 0;
  std::string precision;
  std::string backend;
  std::string format = "md";
  std::string db;
};

int History(const HistoryOptions& opt) {
  if (opt.format != "csv" && opt.format != "md") {
    PrintError("unknown history format '" + opt.format + "'; use md or csv");
    return kExitUsage;
  }
  HistoryFilter filter;
  filter.model = opt.model;
  if (opt.batch > 0) filter.batch = opt.batch;
  if (!opt.backend.empty()) filter.backend = opt.backend;
  if (!opt.precision.empty()) {
    filter.precision = PrecisionFromName(opt.precision);
    if (!filter.precision) {
      PrintError("--precision '" + opt.precision + "': use fp32, fp16 or int8");
      return kExitUsage;
    }
  }
  auto store = OpenExistingStore(opt.db);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitUsage;
  }
  auto rows = CollectHistory(**store, filter);
  if (!rows.ok()) {
    PrintError(rows.status().message());
    return kExitUsage;
  }
  const std::string text =
      opt.format == "csv" ? RenderHistoryCsv(*rows) : RenderHistoryMarkdown(*rows);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddHistoryCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<HistoryOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("--model", opt->model, "Model name as in the campaign YAML")->required();
  sub->add_option("--batch", opt->batch, "Only this batch size")->check(CLI::PositiveNumber);
  sub->add_option("--precision", opt->precision, "Only this precision (fp32, fp16, int8)");
  sub->add_option("--backend", opt->backend, "Only this backend (opencl or a command backend)");
  sub->add_option("--format", opt->format, "md (default) or csv");
  sub->add_option("--db", opt->db,
                  "SQLite job store (default: $CAMPAIGN_DB, else results/campaign.db)");
  sub->callback([opt, exit_code] { *exit_code = History(*opt); });
}

}  // namespace campaign
