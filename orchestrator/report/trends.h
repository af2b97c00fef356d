// Trends for the HTML report's #trends section (`campaign report --history N`):
// every case of the current campaign over the last N campaigns of the same
// name, with unstable runs, regressions (the rule of regression.h against the
// case's previous trusted point) and device/driver changes marked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "orchestrator/report/regression.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

struct TrendPoint {
  size_t campaign = 0;              // index into Trends::campaigns
  std::optional<double> median_ms;  // nullopt: the job has no trusted numbers
  double stddev_ms = 0;
  bool unstable = false;
  bool regressed = false;        // vs the previous trusted point of this case
  std::optional<double> change;  // relative to that point (0.1 = 10 % slower)
  std::string reason;            // failure reason
};

// One case (model, batch, precision, backend); points oldest first, only
// campaigns that ran the case.
struct TrendSeries {
  std::string model;
  int batch = 1;
  Precision precision = Precision::kFp32;
  std::string backend;
  std::vector<TrendPoint> points;
  std::string Label() const;  // "resnet50 b8 fp16" (+ " pytorch")
};

struct TrendCampaign {
  CampaignRecord campaign;
  // "device, driver X" of its first job with a result ("" = none).
  std::string environment;
  // The environment differs from the last earlier known one.
  bool environment_changed = false;
  std::string previous_environment;
};

struct Trends {
  std::vector<TrendCampaign> campaigns;  // oldest first, `current` last
  std::vector<TrendSeries> series;       // the current campaign's cases, in its order
  RegressionRule rule;
};

// The last `n` campaigns named like `current` up to and including it.
// REQUIRES: n >= 1. Errors only when the store cannot be read.
Result<Trends> CollectTrends(JobStore& store, const CampaignRecord& current, int n,
                             const RegressionRule& rule = {});

}  // namespace campaign
