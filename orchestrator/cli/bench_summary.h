// The text `campaign bench` prints: trtexec's vocabulary ("Throughput: X
// qps", "Latency: min = ...", "GPU Compute Time: ..."), so numbers can be
// read side by side with a trtexec log. Pure functions, for tests.
#pragma once

#include <string>
#include <vector>

#include "common/run_result.h"
#include "runner/timed_run.h"

namespace campaign {

// "min = a ms, max = b ms, mean = c ms, median = d ms, percentile(90%) = e ms,
// percentile(95%) = f ms, percentile(99%) = g ms".
std::string TrtexecStats(const LatencyStats& s);

// The performance summary of a successful bench run: throughput, latency
// (end to end), enqueue, H2D, GPU compute, D2H, total host wall time and
// total GPU compute time, the noise verdict, the cold inference and load,
// and the top `top_n` layers when the result has a profile.
std::string BenchSummary(const RunResult& r, size_t top_n = 10);

// --export-times: a JSON array, one object per timed iteration (host times
// in ms since the first iteration started; device durations in ms).
std::string IterationTimesJson(const std::vector<runner::IterationSample>& samples);

}  // namespace campaign
