// Reports: one row per job of a campaign, as CSV (RFC 4180) or Markdown.
//
// A job without trusted numbers (failed, or not run yet) shows -1 in every
// latency and throughput column, the seeds' convention, with its reason and
// the path of its captured log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

enum class ReportFormat { kCsv, kMarkdown };
std::optional<ReportFormat> ReportFormatFromName(const std::string& name);  // "csv", "md"

// The columns, in order (also the CSV header).
const std::vector<std::string>& ReportColumns();

// One cell per column for a job; pure, for tests.
std::vector<std::string> ReportRow(const CampaignRecord& campaign, const JobView& view);

std::string RenderReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                         ReportFormat format);

// Quotes a CSV field when it holds a comma, quote, CR or LF.
std::string CsvField(const std::string& s);

}  // namespace campaign
