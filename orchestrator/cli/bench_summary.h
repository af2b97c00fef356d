// The text `campaign bench` prints: trtexec's vocabulary ("Throughput: X
// qps", "Latency: min = ...", "GPU Compute Time: ..."), so numbers can be
// read side by side with a trtexec log. Pure functions, for tests. (The
// --export-times file is the runner's: common/iteration_times.h.)
#pragma once

#include <string>

#include "common/run_result.h"

namespace campaign {

// "min = a ms, max = b ms, mean = c ms, median = d ms, percentile(90%) = e ms,
// percentile(95%) = f ms, percentile(99%) = g ms".
std::string TrtexecStats(const LatencyStats& s);

// The performance summary of a successful bench run: throughput, latency
// (end to end), enqueue, H2D, GPU compute, D2H, total host wall time and
// total GPU compute time, the noise verdict, the cold inference and load,
// and the top `top_n` layers when the result has a profile.
std::string BenchSummary(const RunResult& r, size_t top_n = 10);

}  // namespace campaign
