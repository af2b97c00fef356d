// Reports: one row per job of a campaign ("long form"), as CSV (RFC 4180),
// Markdown, JSON or a self-contained HTML page (report_html.h).
//
// A job without trusted numbers (failed, or not run yet) shows -1 in every
// latency and throughput column, the seeds' convention, with its reason and
// the path of its captured log. Columns are documented in docs/reports.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "orchestrator/report/morning.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

enum class ReportFormat { kCsv, kMarkdown, kJson, kHtml };
// "csv", "md" (or "markdown"), "json", "html"; nullopt otherwise.
std::optional<ReportFormat> ReportFormatFromName(const std::string& name);

// True when the job succeeded and stored a result: its numbers can be shown.
bool HasTrustedResult(const JobView& view);

// Coefficient of variation of the timed iterations (stddev / mean), 0 when
// the mean is 0.
double CoefficientOfVariation(const LatencyStats& s);

// The CoV the noise gate judged: of the device compute time when the runner
// used it (measure.stability_metric "compute"), else of the end-to-end time.
double StabilityCov(const RunResult& r);

// The `n` layers of the job's per-layer profile with the largest mean time,
// largest first (ties in plan order); empty without a result or profile.
std::vector<LayerProfile> TopLayers(const JobView& view, size_t n);

// "name share%; ..." of TopLayers(view, n), e.g. "conv2 50.0%; fc 12.5%".
std::string TopLayersText(const JobView& view, size_t n);

// Layers listed in the report's top_layers column / field.
inline constexpr size_t kReportTopLayers = 3;

// The columns, in order (also the CSV header).
const std::vector<std::string>& ReportColumns();

// One cell per column for a job; pure, for tests.
std::vector<std::string> ReportRow(const CampaignRecord& campaign, const JobView& view);

// The report in `format`: Markdown and JSON open with the morning summary
// (`morning`; built from the jobs alone when null: no previous campaign, no
// baselines), then the long form; CSV is the long form alone. kHtml delegates
// to RenderHtmlReport with `morning` as HtmlExtras::morning.
std::string RenderReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                         ReportFormat format, const MorningReport* morning = nullptr);

// JSON: an object {"campaign": {id, name, created_at, status}, "summary",
// "failures", "regressions", "below_baseline" (RenderMorningJson), "jobs": an
// array with one object per job} (numbers as numbers; -1 where the job has
// no trusted numbers, as in the other formats).
std::string RenderJsonReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                             const MorningReport& morning);

// Quotes a CSV field when it holds a comma, quote, CR or LF.
std::string CsvField(const std::string& s);
// Joins fields into one CSV line (with "\n").
std::string CsvLine(const std::vector<std::string>& fields);
// Escapes a Markdown table cell: '|' -> "\|", line breaks -> spaces.
std::string MdCell(const std::string& s);
// A Markdown table: header, separator, rows.
std::string MdTable(const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows);
// printf("%.*f").
std::string FormatFixed(double v, int decimals);

}  // namespace campaign
