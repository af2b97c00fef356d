// The per-iteration times file: a JSON array, one object per timed iteration
// (host times in ms since the first timed iteration started; device durations
// in ms). campaign-runner --export-times writes it; `campaign bench
// --export-times` is that flag passed through.
#pragma once

#include <string>
#include <vector>

namespace campaign {

// One timed iteration.
struct IterationTimesRecord {
  double start_ms = 0;    // host time since the first timed iteration started
  double latency_ms = 0;  // host wall time of the iteration
  double enqueue_ms = 0;  // host time to enqueue the inference
  double h2d_ms = 0;      // input copies (0 without transfers)
  double compute_ms = 0;  // first kernel start to last kernel end
  double d2h_ms = 0;      // output copies (0 without transfers)
  double events_ms = 0;   // host time reading the event timestamps
};

// The file's text: [{"startMs", "latencyMs", "enqueueMs", "h2dMs",
// "computeMs", "d2hMs", "eventsMs"}, ...].
std::string IterationTimesJson(const std::vector<IterationTimesRecord>& samples);

}  // namespace campaign
