#include "runner/job.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/engine_format.h"
#include "graph/validation.h"
#include "runner/cl/device.h"
#include "runner/cl/runtime.h"
#include "runner/engine.h"
#include "runner/executor.h"
#include "runner/fingerprint.h"
#include "runner/framework_check.h"
#include "runner/timed_run.h"

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

// "fp32", or how an engine with float16 tensors computes.
std::string ComputeMode(const Executor& executor, const cl::DeviceEntry& device) {
  if (executor.half_adapted_nodes() == 0) return "fp32";
  size_t size = 0;
  std::string ext;
  if (clGetDeviceInfo(device.device, CL_DEVICE_EXTENSIONS, 0, nullptr, &size) == CL_SUCCESS) {
    ext.resize(size);
    if (clGetDeviceInfo(device.device, CL_DEVICE_EXTENSIONS, size, ext.data(), nullptr) !=
        CL_SUCCESS) {
      ext.clear();
    }
  }
  // The runner has no native half kernels yet: with or without cl_khr_fp16,
  // half tensors are converted to float around every op.
  return ext.find("cl_khr_fp16") == std::string::npos
             ? "fp16 storage, fp32 compute (device has no cl_khr_fp16)"
             : "fp16 storage, fp32 compute (device has cl_khr_fp16; the runner has no native "
               "half kernels yet)";
}

// The CPU reference outputs for `inputs`: the job's own engine's, or those
// of the reference engine when one is given.
Result<std::vector<HostTensor>> ReferenceOutputs(const JobOptions& o, Executor& own,
                                                 const std::vector<HostTensor>& inputs) {
  if (o.reference_engine.empty()) return own.RunReference(inputs);
  ASSIGN_OR_RETURN(Engine ref_engine, LoadEngine(o.reference_engine));
  ASSIGN_OR_RETURN(auto ref, Executor::Create(ref_engine.model));
  auto describe = [](const std::vector<TensorSpec>& specs) {
    std::string s;
    for (const auto& t : specs) {
      s += (s.empty() ? "" : ", ") + t.name + " " + std::string(graph::DTypeName(t.dtype)) + " " +
           graph::ShapeToString(t.shape);
    }
    return s;
  };
  auto same = [](const std::vector<TensorSpec>& a, const std::vector<TensorSpec>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].dtype != b[i].dtype || a[i].shape != b[i].shape) return false;
    }
    return true;
  };
  if (!same(own.inputs(), ref->inputs()) || !same(own.outputs(), ref->outputs())) {
    return Status::Error(Reason::kInvalidArgument,
                         "reference engine " + o.reference_engine.string() +
                             " does not fit this engine: inputs [" + describe(ref->inputs()) +
                             "] -> [" + describe(ref->outputs()) + "] vs [" +
                             describe(own.inputs()) + "] -> [" + describe(own.outputs()) + "]");
  }
  return ref->RunReference(inputs);
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

// int8 engines: say how they compute, and, unless the caller chose the
// tolerances, accept their quantization error (common/precision.h).
JobOptions ForPrecision(const JobOptions& o, const Engine& engine) {
  JobOptions adjusted = o;
  if (engine.precision != Precision::kInt8) return adjusted;
  spdlog::info("precision int8: {}", engine::kInt8Compute);
  if (o.tolerance_given) return adjusted;
  const double tolerance = DefaultTolerance(Precision::kInt8);
  spdlog::info("int8 default tolerance {:.3g} applies to the checks", tolerance);
  adjusted.tolerance = tolerance;
  adjusted.framework_tolerance = tolerance;
  return adjusted;
}

Status RunJobImpl(const JobOptions& options, RunResult* r) {
  auto start = Clock::now();
  ASSIGN_OR_RETURN(Engine engine, LoadEngine(options.engine));
  const JobOptions o = ForPrecision(options, engine);
  r->precision = std::string(PrecisionName(engine.precision));
  ASSIGN_OR_RETURN(auto executor, Executor::Create(engine.model));
  r->batch = engine.batch;
  if (r->batch <= 0 && !executor->inputs().empty() && !executor->inputs()[0].shape.empty()) {
    r->batch = static_cast<int>(executor->inputs()[0].shape[0]);
  }
  spdlog::info("engine {}: {} nodes, batch {}, precision {}, {:.1f} MiB weights", o.engine.string(),
               executor->num_nodes(), r->batch, r->precision, executor->weight_bytes() / 1048576.0);
  for (const auto& in : executor->inputs()) {
    spdlog::info("  input  {} {} {}", in.name, graph::DTypeName(in.dtype),
                 graph::ShapeToString(in.shape));
  }
  for (const auto& out : executor->outputs()) {
    spdlog::info("  output {} {} {}", out.name, graph::DTypeName(out.dtype),
                 graph::ShapeToString(out.shape));
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
  r->compute_mode = engine.precision == Precision::kInt8 ? std::string(engine::kInt8Compute)
                                                         : ComputeMode(*executor, device);
  if (executor->half_adapted_nodes() > 0) {
    spdlog::info("compute: {} ({} nodes through the half adapter)", r->compute_mode,
                 executor->half_adapted_nodes());
  }
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
    ASSIGN_OR_RETURN(auto ref, ReferenceOutputs(o, *executor, inputs));
    r->validation = graph::CompareOutputs(outputs, ref, o.tolerance);
    r->validation.reference = o.reference_engine.empty() ? "self" : "fp32_engine";
    const Validation& v = r->validation;
    spdlog::info(
        "validation vs {} ({:.0f} ms reference): norm_rel_error {:.3g} (tolerance {:.3g}), "
        "max_abs {:.3g}, max_rel {:.3g}, cosine {:.8f} -> {}",
        o.reference_engine.empty() ? "this engine's CPU reference"
                                   : "the CPU reference of " + o.reference_engine.string(),
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
                         "device outputs differ from the CPU reference" +
                             std::string(o.reference_engine.empty() ? "" : " of the fp32 engine") +
                             ": norm_rel_error " + std::to_string(r->validation.norm_rel_error) +
                             " > tolerance " + std::to_string(o.tolerance));
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
