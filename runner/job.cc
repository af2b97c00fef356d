#include "runner/job.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "runner/cl/device.h"
#include "runner/cl/runtime.h"
#include "runner/engine.h"
#include "runner/executor.h"
#include "runner/framework_check.h"
#include "runner/stats.h"
#include "runner/validation.h"

namespace campaign::runner {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Status Fail(RunResult* r, Status st) {
  r->ok = false;
  r->reason = st.reason();
  r->message = st.message();
  return st;
}

Status RunJobImpl(const JobOptions& o, RunResult* r) {
  auto start = Clock::now();
  ASSIGN_OR_RETURN(Engine engine, LoadEngine(o.engine));
  r->precision = engine.precision;
  ASSIGN_OR_RETURN(auto executor, Executor::Create(engine.model));
  r->batch = engine.batch;
  if (r->batch <= 0 && !executor->inputs().empty() && !executor->inputs()[0].shape.empty()) {
    r->batch = static_cast<int>(executor->inputs()[0].shape[0]);
  }
  spdlog::info("engine {}: {} nodes, batch {}, precision {}, {:.1f} MiB weights", o.engine.string(),
               executor->num_nodes(), r->batch, r->precision, executor->weight_bytes() / 1048576.0);
  for (const auto& in : executor->inputs()) {
    spdlog::info("  input  {} {} {}", in.name, DTypeName(in.dtype), ShapeToString(in.shape));
  }
  for (const auto& out : executor->outputs()) {
    spdlog::info("  output {} {} {}", out.name, DTypeName(out.dtype), ShapeToString(out.shape));
  }

  ASSIGN_OR_RETURN(auto devices, cl::ListDevices());
  ASSIGN_OR_RETURN(cl::DeviceEntry device, cl::SelectDevice(devices, o.device));
  r->device = device.info;
  spdlog::info("device [{}] {} ({}, driver {})", device.global_index, device.info.name,
               device.info.platform, device.info.driver_version);
  ASSIGN_OR_RETURN(auto rt, cl::Runtime::Create(device));
  RETURN_IF_ERROR(executor->PrepareDevice(*rt));
  r->load_ms = MsSince(start);
  r->peak_device_bytes = executor->peak_device_bytes();
  spdlog::info("load: {:.1f} ms (kernel build {:.1f} ms)", r->load_ms, rt->build_ms());

  std::vector<HostTensor> inputs = executor->MakeRandomInputs(o.seed);
  std::vector<HostTensor> outputs;
  // The first run also compiles CLBlast kernels; it counts as warm-up.
  auto first = Clock::now();
  RETURN_IF_ERROR(executor->Run(inputs, &outputs));
  spdlog::info("first inference: {:.1f} ms", MsSince(first));
  if (o.validate) {
    auto ref_start = Clock::now();
    ASSIGN_OR_RETURN(auto ref, executor->RunReference(inputs));
    r->validation = CompareOutputs(outputs, ref, o.tolerance);
    const Validation& v = r->validation;
    spdlog::info(
        "validation ({:.0f} ms reference): norm_rel_error {:.3g} (tolerance {:.3g}), "
        "max_abs {:.3g}, max_rel {:.3g}, cosine {:.8f} -> {}",
        MsSince(ref_start), v.norm_rel_error, v.tolerance, v.max_abs_error, v.max_rel_error,
        v.cosine, v.passed ? "passed" : "FAILED");
  } else {
    r->validation.checked = false;
    spdlog::info("validation skipped (--no-validate)");
  }

  if (!o.framework_output.empty()) {
    auto check = CheckAgainstStoredOutput(*executor, o.framework_input, o.framework_output,
                                          o.framework_tolerance);
    if (!check.ok() && check.status().reason() != Reason::kInvalidArgument &&
        check.status().reason() != Reason::kNotFound) {
      return check.status();
    }
    // Stored data that does not fit this engine (e.g. shape overrides) is
    // not an engine failure: the job goes on, checked against the reference.
    if (!check.ok()) spdlog::warn("framework check skipped: {}", check.status().message());
    if (check.ok()) r->framework_check = *check;
    const FrameworkCheck& f = r->framework_check;
    if (f.checked)
      spdlog::info(
          "framework check vs {}: norm_rel_error {:.3g} (tolerance {:.3g}), max_abs {:.3g}, "
          "cosine {:.8f} -> {}",
          f.output_file, f.norm_rel_error, f.tolerance, f.max_abs_error, f.cosine,
          f.passed ? "passed" : "FAILED");
  }

  for (int i = 1; i < o.warmup; ++i) RETURN_IF_ERROR(executor->Run(inputs, &outputs));
  r->warmup_iterations = o.warmup;
  std::vector<double> ms;
  for (int i = 0; i < o.iterations; ++i) {
    auto t0 = Clock::now();
    RETURN_IF_ERROR(executor->Run(inputs, &outputs));
    ms.push_back(MsSince(t0));
  }
  r->iterations = o.iterations;
  auto profile = executor->ProfileByOpType(inputs);
  if (profile.ok()) {
    std::string line;
    for (const auto& [op, t] : *profile) line += fmt::format(" {} {:.2f} ms,", op, t);
    spdlog::info("time by op type (one synchronized inference):{}", line);
  }
  r->latency = ComputeLatencyStats(ms);
  r->throughput = r->latency.median_ms > 0 ? r->batch * 1000.0 / r->latency.median_ms : 0;
  const LatencyStats& s = r->latency;
  spdlog::info(
      "latency over {} iterations: median {:.3f} ms, mean {:.3f}, min {:.3f}, max {:.3f}, "
      "p90 {:.3f}, p95 {:.3f}, p99 {:.3f}, stddev {:.3f}; throughput {:.1f} inferences/s",
      o.iterations, s.median_ms, s.mean_ms, s.min_ms, s.max_ms, s.p90_ms, s.p95_ms, s.p99_ms,
      s.stddev_ms, r->throughput);

  if (o.validate && !r->validation.passed) {
    return Status::Error(Reason::kAccuracy,
                         "device outputs differ from the CPU reference: norm_rel_error " +
                             std::to_string(r->validation.norm_rel_error) + " > tolerance " +
                             std::to_string(o.tolerance));
  }
  if (r->framework_check.checked && !r->framework_check.passed) {
    return Status::Error(Reason::kAccuracy,
                         "device outputs differ from the framework's stored output " +
                             r->framework_check.output_file + ": norm_rel_error " +
                             std::to_string(r->framework_check.norm_rel_error) + " > tolerance " +
                             std::to_string(r->framework_check.tolerance));
  }
  return Status::Ok();
}

}  // namespace

RunResult RunJob(const JobOptions& options) {
  RunResult r;
  r.validation.tolerance = options.tolerance;
  Status st;
  try {
    st = RunJobImpl(options, &r);
  } catch (const std::exception& e) {
    st = Status::Error(Reason::kRuntimeError, std::string("unexpected error: ") + e.what());
  }
  if (st.ok()) {
    r.ok = true;
    r.reason = Reason::kOk;
  } else {
    (void)Fail(&r, st);
    spdlog::error("job failed: {}", st.ToString());
  }
  return r;
}

}  // namespace campaign::runner
