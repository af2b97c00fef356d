// The HTML report: one self-contained file (inline CSS, inline SVG charts,
// a few lines of inline JavaScript for sorting; nothing fetched from the
// network), readable offline and attachable to a mail or a CI artifact.
//
// Sections: summary; latency and throughput vs batch per model (a series per
// precision); ratio to a baseline when one is given; the pivot table; the
// long-form table, sortable by clicking a header (numbers sort numerically).
// Opening the file with "#sort=N" or "#sort=Ndesc" sorts by column N on load.
#pragma once

#include <string>
#include <vector>

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

struct HtmlExtras {
  std::string baseline_label;  // e.g. "trtexec H100"; "" = no baseline section
  double target_ratio = 1.0;   // drawn as a dashed line
  std::vector<RatioPoint> ratios;
};

std::string RenderHtmlReport(const CampaignRecord& campaign, const std::vector<JobView>& jobs,
                             const HtmlExtras& extras);

}  // namespace campaign
