#include "runner/timed_run.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/file_util.h"
#include "runner/layer_profile.h"
#include "runner/stats.h"

namespace campaign::runner {

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

Status TimeInferences(Executor& executor, const std::vector<HostTensor>& inputs,
                      const MeasureRules& rules, RunResult* r,
                      std::vector<IterationSample>* samples) {
  std::vector<HostTensor> outputs;
  IterationTimes it;
  int done = 1;  // the cold inference
  const auto warm_start = Clock::now();
  while (!WarmupDone(rules, done, MsSince(warm_start))) {
    RETURN_IF_ERROR(executor.RunTimed(inputs, &outputs, rules.transfers, &it));
    ++done;
  }
  r->warmup_iterations = done;
  r->measure.warmup_ms = MsSince(warm_start);
  r->measure.transfers = rules.transfers;

  std::vector<double> e2e, h2d, compute, d2h, enqueue;
  const auto start = Clock::now();
  while (!MeasureDone(rules, static_cast<int>(e2e.size()), MsSince(start))) {
    const auto t0 = Clock::now();
    RETURN_IF_ERROR(executor.RunTimed(inputs, &outputs, rules.transfers, &it));
    e2e.push_back(MsSince(t0));
    h2d.push_back(it.h2d_ms);
    compute.push_back(it.compute_ms);
    d2h.push_back(it.d2h_ms);
    enqueue.push_back(it.enqueue_ms);
    if (samples) {
      samples->push_back(
          {std::chrono::duration<double, std::milli>(t0 - start).count(), e2e.back(), it});
    }
  }
  r->measure.duration_ms = MsSince(start);
  r->iterations = static_cast<int>(e2e.size());
  r->latency = ComputeLatencyStats(e2e);
  r->h2d = ComputeLatencyStats(h2d);
  r->compute = ComputeLatencyStats(compute);
  r->d2h = ComputeLatencyStats(d2h);
  r->enqueue = ComputeLatencyStats(enqueue);
  r->throughput = r->latency.median_ms > 0 ? r->batch * 1000.0 / r->latency.median_ms : 0;
  r->throughput_wall =
      r->measure.duration_ms > 0 ? r->batch * r->iterations * 1000.0 / r->measure.duration_ms : 0;
  MarkStability(rules.unstable_cov, r);
  return Status::Ok();
}

Status ProfileLayers(Executor& executor, const std::vector<HostTensor>& inputs,
                     const ProfileOptions& options, RunResult* r) {
  const int trace = options.trace_path.empty() ? 0 : std::max(0, options.trace_iterations);
  const int n = std::max(std::max(0, options.iterations), trace);
  if (n == 0) return Status::Ok();
  const std::vector<LayerSpec> layers = executor.layers();
  std::vector<ProfiledIteration> runs;
  std::vector<HostTensor> outputs;
  for (int i = 0; i < n; ++i) {
    ASSIGN_OR_RETURN(ProfiledIteration it, executor.RunProfiled(inputs, &outputs));
    runs.push_back(std::move(it));
  }
  if (options.iterations > 0) {
    r->profile = SummarizeLayers(
        layers, std::vector<ProfiledIteration>(runs.begin(), runs.begin() + options.iterations));
    r->measure.profile_iterations = options.iterations;
  }
  if (trace > 0) {
    std::vector<ProfiledIteration> traced(runs.begin(), runs.begin() + trace);
    RETURN_IF_ERROR(WriteFileAtomic(options.trace_path, TraceJson(layers, traced, r->device.name)));
    r->trace_path = options.trace_path.string();
    r->measure.trace_iterations = trace;
  }
  return Status::Ok();
}

}  // namespace campaign::runner
