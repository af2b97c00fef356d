// MeasureRules: when warm-up and measurement stop, and when a result is
// unstable. Pure functions of counts and elapsed times, so the rules are
// tested without a device (docs/measurement.md explains them for users).
#pragma once

#include "common/run_result.h"

namespace campaign::runner {

struct MeasureRules {
  // Warm-up ends when BOTH hold: at least `warmup` inferences (the cold,
  // first inference counts as one) and at least `warmup_ms` of wall time
  // spent after the cold inference. 0 disables either condition.
  int warmup = 0;
  double warmup_ms = 200;
  // > 0: exactly this many timed iterations (fixed-count mode; the
  // duration rule is off). 0: the two rules below.
  int iterations = 0;
  // Measurement ends when BOTH hold: at least `min_iterations` timed
  // iterations and at least `min_duration_ms` of wall time.
  int min_iterations = 10;
  double min_duration_ms = 3000;
  // false: inputs and outputs stay on the device (trtexec --noDataTransfers).
  bool transfers = true;
  // CoV (fraction, 0.025 = 2.5 %) above which a result is unstable.
  double unstable_cov = 0.025;
};

// True when warm-up may stop after `done` inferences (cold one included)
// and `elapsed_ms` since the cold inference ended.
bool WarmupDone(const MeasureRules& rules, int done, double elapsed_ms);

// True when measurement may stop after `done` timed iterations and
// `elapsed_ms` since the first of them started.
bool MeasureDone(const MeasureRules& rules, int done, double elapsed_ms);

// Sets r->measure.{stability_metric, unstable_threshold, unstable}: the
// metric is the device compute time when it was measured (its mean > 0),
// else the end-to-end host time; unstable when its CoV > threshold.
void MarkStability(double threshold, RunResult* r);

}  // namespace campaign::runner
