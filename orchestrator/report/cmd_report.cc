// `campaign report`: a campaign's jobs as CSV or Markdown.
#include <cstdio>
#include <memory>

#include "common/file_util.h"
#include "orchestrator/commands.h"
#include "orchestrator/paths.h"
#include "orchestrator/report/report.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

namespace {

struct ReportOptions {
  std::string campaign;  // id or name; "" = latest
  std::string format = "csv";
  std::string output;
  std::string db;
};

int Report(const ReportOptions& opt) {
  auto format = ReportFormatFromName(opt.format);
  if (!format) {
    PrintError("unknown report format '" + opt.format + "'; use csv or md");
    return kExitUsage;
  }
  const auto db_path = ResolveDbPath(opt.db);
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) {
    PrintError("no campaign store at " + db_path.string() +
               "; run `campaign run CAMPAIGN.yaml` first, or point --db / CAMPAIGN_DB at one");
    return kExitUsage;
  }
  auto store = SqliteJobStore::Open(db_path);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitUsage;
  }
  auto campaign = (*store)->FindCampaign(opt.campaign);
  if (!campaign.ok()) {
    PrintError(campaign.status().message());
    return kExitUsage;
  }
  auto jobs = (*store)->ListJobs(campaign->id);
  if (!jobs.ok()) {
    PrintError(jobs.status().message());
    return kExitFailure;
  }
  const std::string text = RenderReport(*campaign, *jobs, *format);
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
  sub->add_option("--format", opt->format, "csv (default) or md");
  sub->add_option("-o,--output", opt->output, "Write to this file instead of stdout");
  sub->add_option("--db", opt->db,
                  "SQLite job store (default: $CAMPAIGN_DB, else results/campaign.db)");
  sub->callback([opt, exit_code] { *exit_code = Report(*opt); });
}

}  // namespace campaign
