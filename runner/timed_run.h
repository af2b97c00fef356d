// The measurement stages of a job after the cold inference: warm-up, the
// timed run, and the separate profiling run (per-layer profile, trace).
#pragma once

#include <filesystem>
#include <vector>

#include "common/run_result.h"
#include "runner/executor.h"
#include "runner/measure_rules.h"

namespace campaign::runner {

// One timed iteration, for exports (campaign bench --export-times).
struct IterationSample {
  double start_ms = 0;  // host time since the first timed iteration started
  double e2e_ms = 0;    // host wall time of the iteration
  IterationTimes device;
};

// Warm-up, then timed iterations per `rules`. Fills r->warmup_iterations
// (cold one included), iterations, latency (host wall time per iteration),
// h2d / compute / d2h / enqueue, throughput, throughput_wall and
// measure.{transfers, warmup_ms, duration_ms} plus the stability flag.
// `samples`, when not null, receives every timed iteration.
// REQUIRES: one executor.Run() (the cold inference) succeeded.
Status TimeInferences(Executor& executor, const std::vector<HostTensor>& inputs,
                      const MeasureRules& rules, RunResult* r,
                      std::vector<IterationSample>* samples = nullptr);

struct ProfileOptions {
  int iterations = 10;               // profiled inferences (0: no profile)
  int trace_iterations = 3;          // the first ones written to the trace (0: none)
  std::filesystem::path trace_path;  // where the trace goes ("" = nowhere)
};

// The profiling run: max(iterations, trace_iterations) inferences with an
// event on every command. Fills r->profile (when iterations > 0), writes the
// trace (when trace_iterations > 0 and trace_path is set) and sets
// r->trace_path and measure.{profile_iterations, trace_iterations}.
Status ProfileLayers(Executor& executor, const std::vector<HostTensor>& inputs,
                     const ProfileOptions& options, RunResult* r);

}  // namespace campaign::runner
