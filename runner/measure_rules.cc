#include "runner/measure_rules.h"

#include <algorithm>

namespace campaign::runner {

bool WarmupDone(const MeasureRules& rules, int done, double elapsed_ms) {
  return done >= rules.warmup && elapsed_ms >= rules.warmup_ms;
}

bool MeasureDone(const MeasureRules& rules, int done, double elapsed_ms) {
  if (rules.iterations > 0) return done >= rules.iterations;
  // At least one iteration, whatever the rules say: statistics need a sample.
  return done >= std::max(1, rules.min_iterations) && elapsed_ms >= rules.min_duration_ms;
}

void MarkStability(double threshold, RunResult* r) {
  const bool device = r->compute.mean_ms > 0;
  const LatencyStats& s = device ? r->compute : r->latency;
  r->measure.stability_metric = device ? "compute" : "e2e";
  r->measure.unstable_threshold = threshold;
  r->measure.unstable = s.cov > threshold;
}

}  // namespace campaign::runner
