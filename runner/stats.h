// Latency statistics over per-iteration wall times.
#pragma once

#include <vector>

#include "common/run_result.h"

namespace campaign::runner {

// Mean, median, min, max, p90/p95/p99, population standard deviation and
// coefficient of variation (stddev / mean) of `ms`. Percentiles interpolate linearly between the
// closest ranks (numpy's default "linear" method). An empty sample gives all zeros. Pure function.
LatencyStats ComputeLatencyStats(std::vector<double> ms);

// The q-th percentile (0..100) of a sample sorted ascending, numpy-style.
// REQUIRES: !sorted.empty().
double Percentile(const std::vector<double>& sorted, double q);

}  // namespace campaign::runner
