#include "orchestrator/cli/bench_summary.h"

#include <fmt/format.h>

#include <algorithm>

namespace campaign {

std::string TrtexecStats(const LatencyStats& s) {
  return fmt::format(
      "min = {:.5f} ms, max = {:.5f} ms, mean = {:.5f} ms, median = {:.5f} ms, "
      "percentile(90%) = {:.5f} ms, percentile(95%) = {:.5f} ms, percentile(99%) = {:.5f} ms",
      s.min_ms, s.max_ms, s.mean_ms, s.median_ms, s.p90_ms, s.p95_ms, s.p99_ms);
}

std::string BenchSummary(const RunResult& r, size_t top_n) {
  const double wall_s = r.measure.duration_ms / 1000.0;
  const double qps = wall_s > 0 ? r.iterations / wall_s : 0;
  const double compute_total_s = r.compute.mean_ms * r.iterations / 1000.0;
  std::string o = "=== Performance summary ===\n";
  o += fmt::format(
      "Throughput: {:.4f} qps (batch {}: {:.2f} inferences/s; from the median latency: {:.2f} "
      "inferences/s)\n",
      qps, r.batch, r.throughput_wall, r.throughput);
  o += "Latency: " + TrtexecStats(r.latency) + "\n";
  o += "Enqueue Time: " + TrtexecStats(r.enqueue) + "\n";
  if (r.measure.transfers) {
    o += "H2D Latency: " + TrtexecStats(r.h2d) + "\n";
  }
  o += "GPU Compute Time: " + TrtexecStats(r.compute) + "\n";
  if (r.measure.transfers) {
    o += "D2H Latency: " + TrtexecStats(r.d2h) + "\n";
  }
  o += fmt::format("Total Host Walltime: {:.5f} s\n", wall_s);
  o += fmt::format("Total GPU Compute Time: {:.5f} s\n", compute_total_s);
  const double cov = r.measure.stability_metric == "compute" ? r.compute.cov : r.latency.cov;
  o += fmt::format("Coefficient of variance ({}): {:.3f} % -> {} (threshold {:.2f} %)\n",
                   r.measure.stability_metric.empty() ? "e2e" : r.measure.stability_metric,
                   100 * cov, r.measure.unstable ? "UNSTABLE" : "stable",
                   100 * r.measure.unstable_threshold);
  if (!r.measure.preflight.empty()) o += "Warning: " + r.measure.preflight + "\n";
  o += fmt::format(
      "Iterations: {} timed ({:.1f} ms), {} warm-up ({:.1f} ms); cold inference {:.3f} ms; "
      "engine load {:.1f} ms (kernel build {:.1f} ms){}\n",
      r.iterations, r.measure.duration_ms, r.warmup_iterations, r.measure.warmup_ms,
      r.measure.cold_ms, r.load_ms, r.measure.build_ms,
      r.measure.transfers ? "" : "; no data transfers");
  if (!r.profile.empty()) {
    std::vector<LayerProfile> top = r.profile;
    std::stable_sort(top.begin(), top.end(), [](const LayerProfile& a, const LayerProfile& b) {
      return a.mean_ms > b.mean_ms;
    });
    if (top.size() > top_n) top.resize(top_n);
    o += fmt::format("=== Profile ({} iterations, top {} of {} layers) ===\n",
                     r.measure.profile_iterations, top.size(), r.profile.size());
    o += fmt::format("{:>9} {:>11} {:>11}  {}\n", "share", "mean (ms)", "median (ms)", "layer");
    for (const LayerProfile& l : top) {
      o += fmt::format("{:>8.2f}% {:>11.5f} {:>11.5f}  {} ({})\n", 100 * l.share, l.mean_ms,
                       l.median_ms, l.name, l.op_type);
    }
  }
  if (!r.trace_path.empty()) o += "Trace: " + r.trace_path + "\n";
  return o;
}

}  // namespace campaign
