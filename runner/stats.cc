#include "runner/stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace campaign::runner {

double Percentile(const std::vector<double>& sorted, double q) {
  double pos = q / 100.0 * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  double frac = pos - static_cast<double>(lo);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

LatencyStats ComputeLatencyStats(std::vector<double> ms) {
  LatencyStats s;
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  double n = static_cast<double>(ms.size());
  s.mean_ms = std::accumulate(ms.begin(), ms.end(), 0.0) / n;
  s.median_ms = Percentile(ms, 50);
  s.min_ms = ms.front();
  s.max_ms = ms.back();
  s.p90_ms = Percentile(ms, 90);
  s.p95_ms = Percentile(ms, 95);
  s.p99_ms = Percentile(ms, 99);
  double var = 0;
  for (double v : ms) var += (v - s.mean_ms) * (v - s.mean_ms);
  s.stddev_ms = std::sqrt(var / n);
  s.cov = s.mean_ms > 0 ? s.stddev_ms / s.mean_ms : 0.0;
  return s;
}

}  // namespace campaign::runner
