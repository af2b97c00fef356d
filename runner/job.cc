#include "runner/job.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/engine_format.h"
#include "runner/cl/device.h"
#include "runner/cl/runtime.h"
#include "runner/engine.h"
#include "runner/executor.h"
#include "runner/fingerprint.h"
#include "runner/framework_check.h"
#include "runner/timed_run.h"
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

void LogStats(const char* what, const LatencyStats& s) {
  spdlog::info(
      "  {:<8} median {:.4f} ms, mean {:.4f}, min {:.4f}, max {:.4f}, p90 {:.4f}, "
      "p95 {:.4f}, p99 {:.4f}, stddev {:.4f}, CoV {:.2f} %",
      what, s.median_ms, s.mean_ms, s.min_ms, s.max_ms, s.p90_ms, s.p95_ms, s.p99_ms, s.stddev_ms,
      100 * s.cov);
}

void LogTimings(const RunResult& r) {
  spdlog::info("{} warm-up inferences ({:.0f} ms), {} timed iterations in {:.0f} ms{}",
               r.warmup_iterations, r.measure.warmup_ms, r.iterations, r.measure.duration_ms,
               r.measure.transfers ? "" : " (no transfers)");
  LogStats("e2e", r.latency);
  LogStats("h2d", r.h2d);
  LogStats("compute", r.compute);
  LogStats("d2h", r.d2h);
  LogStats("enqueue", r.enqueue);
  spdlog::info("throughput {:.1f} inferences/s (median), {:.1f} (wall)", r.throughput,
               r.throughput_wall);
  if (r.measure.unstable) {
    spdlog::warn("UNSTABLE: {} CoV {:.2f} % > {:.2f} %", r.measure.stability_metric,
                 100 * (r.measure.stability_metric == "compute" ? r.compute.cov : r.latency.cov),
                 100 * r.measure.unstable_threshold);
  }
}

void LogProfile(const RunResult& r) {
  if (r.profile.empty()) return;
  std::vector<LayerProfile> top = r.profile;
  std::sort(top.begin(), top.end(), [](auto& a, auto& b) { return a.mean_ms > b.mean_ms; });
  spdlog::info("layer profile over {} inferences (top {} of {}):", r.measure.profile_iterations,
               std::min<size_t>(10, top.size()), top.size());
  for (size_t i = 0; i < top.size() && i < 10; ++i) {
    spdlog::info("  {:6.2f} %  {:.4f} ms  {} ({})", 100 * top[i].share, top[i].mean_ms, top[i].name,
                 top[i].op_type);
  }
  if (!r.trace_path.empty()) spdlog::info("trace: {}", r.trace_path);
}

// int8 engines: say how they compute, and accept their quantization error in
// the checks (at least engine::kInt8Tolerance).
JobOptions ForPrecision(const JobOptions& o, const Engine& engine) {
  JobOptions adjusted = o;
  if (engine.precision != "int8") return adjusted;
  spdlog::info("precision int8: {} (engine::kInt8Tolerance {:.3g} applies to the checks)",
               engine::kInt8Compute, engine::kInt8Tolerance);
  adjusted.tolerance = std::max(o.tolerance, engine::kInt8Tolerance);
  adjusted.framework_tolerance = std::max(o.framework_tolerance, engine::kInt8Tolerance);
  return adjusted;
}

Status RunJobImpl(const JobOptions& options, RunResult* r) {
  auto start = Clock::now();
  ASSIGN_OR_RETURN(Engine engine, LoadEngine(options.engine));
  const JobOptions o = ForPrecision(options, engine);
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
  r->fingerprint = MakeFingerprint(device);
  spdlog::info("device [{}] {} ({}, driver {}, {}, {} compute units, {} MHz)", device.global_index,
               device.info.name, device.info.platform, device.info.driver_version,
               r->fingerprint.opencl_version, r->fingerprint.compute_units,
               r->fingerprint.max_clock_mhz);
  if (auto others = OtherDeviceUsers(device.info); !others.empty()) {
    std::string list;
    for (const auto& p : others) list += (list.empty() ? "" : ", ") + p;
    r->measure.preflight = "other processes use the GPU: " + list;
    spdlog::warn("pre-flight: {} (numbers may be disturbed)", r->measure.preflight);
  }
  ASSIGN_OR_RETURN(auto rt, cl::Runtime::Create(device, o.kernel_cache));
  RETURN_IF_ERROR(executor->PrepareDevice(*rt));
  r->load_ms = MsSince(start);
  r->measure.build_ms = rt->build_ms();
  r->measure.kernel_cache = rt->kernel_cache_status();
  r->peak_device_bytes = executor->peak_device_bytes();
  spdlog::info("load: {:.1f} ms (kernel build {:.1f} ms, kernel cache {})", r->load_ms,
               rt->build_ms(), rt->kernel_cache_status());

  std::vector<HostTensor> inputs = executor->MakeRandomInputs(o.seed);
  std::vector<HostTensor> outputs;
  // The cold inference also compiles CLBlast kernels; it counts as warm-up.
  auto first = Clock::now();
  RETURN_IF_ERROR(executor->Run(inputs, &outputs));
  r->measure.cold_ms = MsSince(first);
  spdlog::info("first (cold) inference: {:.1f} ms", r->measure.cold_ms);
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

  RETURN_IF_ERROR(TimeInferences(*executor, inputs, o.measure, r, o.samples));
  LogTimings(*r);
  RETURN_IF_ERROR(ProfileLayers(*executor, inputs, o.profile, r));
  LogProfile(*r);

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
