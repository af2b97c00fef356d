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

struct RunResult {
  bool ok = false;  // true when the job produced trusted numbers
  // When !ok: why, and a message for the user.
  Reason reason = Reason::kOk;
  std::string message;

  int batch = 0;
  std::string precision;  // "fp32", ...
  DeviceInfo device;
  int warmup_iterations = 0;
  int iterations = 0;              // timed iterations
  LatencyStats latency;            // end-to-end host wall time per inference
  double throughput = 0;           // inferences/s = batch * 1000 / median_ms
  double load_ms = 0;              // engine load + kernel build time
  uint64_t peak_device_bytes = 0;  // device memory for weights + live activations
  Validation validation;
  FrameworkCheck framework_check;  // vs PyTorch's stored output, when there is one
};

std::string ToJson(const RunResult& r);
// kInvalidArgument when the text is not a RunResult.
Result<RunResult> RunResultFromJson(const std::string& text);

// Writes atomically (temp file + rename).
Status WriteRunResult(const std::filesystem::path& path, const RunResult& r);
// kNotFound when the file does not exist (e.g. the runner crashed first).
Result<RunResult> ReadRunResult(const std::filesystem::path& path);

}  // namespace campaign
