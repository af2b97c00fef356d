// RunResult: what one runner process reports about one job.
//
// The runner writes it as JSON (schema/result-json.md) to the path given by
// --result; the orchestrator reads it back and stores it. Writing goes through
// a temporary file and a rename, so a reader never sees half a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace campaign {

// Latency statistics over the timed iterations, in milliseconds.
struct LatencyStats {
  double mean_ms = 0;
  double median_ms = 0;
  double min_ms = 0;
  double max_ms = 0;
  double p90_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
  double stddev_ms = 0;
  double cov = 0;  // coefficient of variation: stddev_ms / mean_ms (0 when the mean is 0)
};

// Engine output compared with the CPU reference on the same inputs.
struct Validation {
  bool checked = false;       // false when the reference was not run
  double max_abs_error = 0;   // max |engine - reference|
  double max_rel_error = 0;   // max |engine - reference| / max(|reference|, eps)
  double cosine = 1;          // cosine similarity of flattened outputs
  double norm_rel_error = 0;  // ||engine - reference|| / ||reference||
  double tolerance = 0;       // norm_rel_error bound that was applied
  bool passed = true;
  // What the outputs were compared with: "self" (this engine's own CPU
  // reference) or "fp32_engine" (the CPU reference of the fp32 engine of the
  // same model and batch: every fp16/int8 engine is checked that way).
  std::string reference = "self";
};

// Engine output compared with the exporting framework's stored output
// (MODEL.output.npy next to the model; runner/framework_check.h).
struct FrameworkCheck {
  bool checked = false;       // false when the model has no stored output
  std::string output_file;    // the .npy compared with
  double norm_rel_error = 0;  // ||engine - framework|| / ||framework||
  double max_abs_error = 0;
  double cosine = 1;
  double tolerance = 0;  // norm_rel_error bound that was applied
  bool passed = true;
};

// The OpenCL device the job ran on.
struct DeviceInfo {
  std::string platform;  // e.g. "NVIDIA CUDA", "Portable Computing Language"
  std::string name;      // e.g. "NVIDIA H100 80GB HBM3"
  std::string vendor;
  std::string driver_version;
  std::string type;  // "gpu", "cpu", "accelerator", "other"
};

// Where and with what a job was measured: enough to tell two runs apart
// ("same numbers on the same machine?").
struct Fingerprint {
  std::string device_name;
  std::string device_vendor;
  std::string driver_version;
  std::string opencl_version;  // CL_DEVICE_VERSION, e.g. "OpenCL 3.0 CUDA"
  int compute_units = 0;       // CL_DEVICE_MAX_COMPUTE_UNITS
  int max_clock_mhz = 0;       // CL_DEVICE_MAX_CLOCK_FREQUENCY
  std::string host_name;
  std::string cpu_model;     // "model name" of /proc/cpuinfo
  std::string tool_version;  // the project version (CMake)
  std::string git_commit;    // of the build's source tree; "unknown" outside git
};

// One engine layer (a device node of the plan) in the profiling run.
struct LayerProfile {
  std::string name;     // ONNX node name (op_type#index when the node has none)
  std::string op_type;  // ONNX op type
  double mean_ms = 0;   // device time per inference: its kernels' events summed
  double median_ms = 0;
  double share = 0;  // mean_ms / sum of all layers' mean_ms (0..1)
};

// How the timed run was set up and how it went (schema/result-json.md).
struct MeasureInfo {
  bool transfers = true;          // false: --no-transfers (inputs/outputs stay on the device)
  double warmup_ms = 0;           // wall time spent warming up (after the cold inference)
  double duration_ms = 0;         // wall time of the timed iterations together
  double cold_ms = 0;             // the first inference (includes CLBlast kernel compiles)
  double build_ms = 0;            // OpenCL program build, part of load_ms
  std::string kernel_cache;       // program cache: "hit", "miss", "off", "unwritable"
  std::string stability_metric;   // "compute" (device) or "e2e" (host wall time)
  double unstable_threshold = 0;  // CoV above which the result is unstable (fraction)
  bool unstable = false;          // CoV of stability_metric > unstable_threshold
  int profile_iterations = 0;     // inferences of the separate profiling run (0: none)
  int trace_iterations = 0;       // of those, the ones written to the trace
  int repeats = 0;                // re-measurements of an unstable job (orchestrator)
  std::string preflight;          // warning of the pre-flight check ("" = nothing seen)
};

struct RunResult {
  bool ok = false;  // true when the job produced trusted numbers
  // When !ok: why, and a message for the user.
  Reason reason = Reason::kOk;
  std::string message;

  int batch = 0;
  std::string precision;  // "fp32", ...
  // How the engine computed: "fp32", or for fp16 engines e.g. "fp16 storage,
  // fp32 compute (device has no cl_khr_fp16)" (runner/ops/half_adapter.h).
  std::string compute_mode;
  DeviceInfo device;
  int warmup_iterations = 0;
  int iterations = 0;    // timed iterations
  LatencyStats latency;  // end-to-end host wall time per inference
  // Per iteration, from OpenCL event profiling (all zero when no iteration
  // was timed): input copies, kernels (first kernel start to last kernel
  // end), output copies, and host time to enqueue one inference.
  LatencyStats h2d, compute, d2h, enqueue;
  double throughput = 0;           // inferences/s = batch * 1000 / median_ms
  double throughput_wall = 0;      // inferences/s = batch * iterations / duration
  double load_ms = 0;              // engine load + kernel build time
  uint64_t peak_device_bytes = 0;  // device memory for weights + live activations
  Validation validation;
  FrameworkCheck framework_check;  // vs PyTorch's stored output, when there is one
  MeasureInfo measure;
  std::vector<LayerProfile> profile;  // plan order; empty without a profiling run
  std::string trace_path;             // Trace Event JSON of the profiling run ("" = none)
  Fingerprint fingerprint;
};

std::string ToJson(const RunResult& r);
// kInvalidArgument when the text is not a RunResult.
Result<RunResult> RunResultFromJson(const std::string& text);

// Writes atomically (temp file + rename).
Status WriteRunResult(const std::filesystem::path& path, const RunResult& r);
// kNotFound when the file does not exist (e.g. the runner crashed first).
Result<RunResult> ReadRunResult(const std::filesystem::path& path);

}  // namespace campaign
