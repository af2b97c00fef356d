// The HTML report: one self-contained file (inline CSS, inline SVG charts,
// a few lines of inline JavaScript for sorting; nothing fetched from the
// network), readable offline and attachable to a mail or a CI artifact.
//
// Sections, first screen first: #summary (counts and the status matrix,
// morning.h), #failures, #regressions, #trends (with HtmlExtras::trends),
// #precision (fp16/int8 vs fp32), #backends (ours vs command backends), then
// #details: latency and throughput vs batch per model (a series per
// precision); ratio to a baseline when one is given; the pivot table; the
// long-form table, sortable by clicking a header (numbers sort numerically).
// Opening the file with "#sort=N" or "#sort=Ndesc" sorts by column N on load.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "orchestrator/report/morning.h"
#include "orchestrator/report/trends.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// Ours/baseline throughput ratio of one case, for the "ratio to baseline"
// charts.
struct RatioPoint {
  std::string model;
  int batch = 1;
  std::string precision;
  double ratio = 0;  // ours / baseline throughput (> 1: we are faster)
};

// Time of one layer of one job, for the "per-layer top-N" section, from the
// job's stored per-layer profile (LayersForHtml). Nothing renders while the
// list is empty (e.g. campaigns measured without a profiling run).
struct HtmlLayerRow {
  int64_t job = 0;        // jobs.id
  std::string job_label;  // e.g. "resnet50 b8 fp16"
  std::string layer;      // node name
  std::string op_type;    // e.g. "Conv"
  double median_ms = 0;   // median time of this layer per inference
  double share = 0;       // fraction of the job's summed layer time, 0..1
};

struct HtmlExtras {
  std::string baseline_label;  // e.g. "trtexec H100"; "" = no baseline section
  double target_ratio = 1.0;   // drawn as a dashed line
  std::vector<RatioPoint> ratios;
  // Per-layer times; the section "Per-layer top N" (N = layer_top_n layers
  // per job, slowest first) is rendered only when this is non-empty.
  std::vector<HtmlLayerRow> layer_profiles;
  int layer_top_n = 10;
  // The first screen; when unset, built from the jobs alone (no previous
  // campaign, no baselines, log links as stored).
  std::optional<MorningReport> morning;
  // The #trends section renders only when set (`report --history N`).
  std::optional<Trends> trends;
};

// The `n` slowest layers of every job with a stored profile, as HTML rows.
std::vector<HtmlLayerRow> LayersForHtml(const std::vector<JobView>& jobs, size_t n);

std::string RenderHtmlReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                             const HtmlExtras& extras);

}  // namespace campaign
