// The per-layer profile and the time-line (Trace Event Format) built from
// the profiling run's device timestamps. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/run_result.h"
#include "runner/executor.h"

namespace campaign::runner {

// Per layer (in `layers` order): mean and median over `iterations` of the
// layer's summed command durations, and its share of the sum of the means.
// REQUIRES: every iteration has layers.size() entries.
std::vector<LayerProfile> SummarizeLayers(const std::vector<LayerSpec>& layers,
                                          const std::vector<ProfiledIteration>& iterations);

// A chrome://tracing / Perfetto JSON object: {"traceEvents": [...],
// "displayTimeUnit": "ms"}. Per iteration: one complete ("ph":"X") event
// per layer (cat "layer", its first command's start to its last command's
// end) and one per input / output copy (cat "h2d" / "d2h"); timestamps in
// microseconds from the earliest command. Plus metadata ("ph":"M") naming
// the process `process_name` and the queue's thread.
std::string TraceJson(const std::vector<LayerSpec>& layers,
                      const std::vector<ProfiledIteration>& iterations,
                      const std::string& process_name);

}  // namespace campaign::runner
