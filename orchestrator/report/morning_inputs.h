// What the morning summary (morning.h) is built from besides the campaign's
// jobs: comparisons with the previous campaign of the same name and with the
// campaign's `baselines:` (compare.h).
#pragma once

#include <string>
#include <vector>

#include "orchestrator/report/compare.h"
#include "orchestrator/report/morning.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// A comparison and the backend whose jobs it took as ours.
struct BackendComparison {
  std::string backend;
  Comparison comparison;
};

struct MorningInputs {
  // Against the previous campaign of the same name, one per backend; empty
  // when there is none.
  std::vector<BackendComparison> previous;
  std::string previous_label;  // "" when there is none
  // Against the YAML's `baselines:` (published numbers, and campaigns other
  // than the previous one).
  std::vector<BackendComparison> baselines;
  // Log links are made relative to this directory ("" = as stored).
  std::string report_dir;
  // What could not be loaded (e.g. a baseline file gone): for stderr.
  std::vector<std::string> warnings;
};

// Pure: classifies `jobs` with the comparisons of `inputs`.
MorningReport BuildMorningReport(const std::vector<JobView>& jobs, const MorningInputs& inputs);

// The comparisons the morning summary needs: Compare() against the previous
// campaign of the same name (for each backend of the campaign) and against
// each of the campaign's `baselines:` (our engine's jobs). A source that
// cannot be loaded is left out with a warning; never fails.
MorningInputs LoadMorningInputs(JobStore& store, const CampaignRecord& campaign,
                                const std::vector<JobView>& jobs, const std::string& report_dir);

}  // namespace campaign
