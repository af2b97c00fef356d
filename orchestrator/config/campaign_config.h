// The campaign YAML (schema/campaign-yaml.md): loading, validation, and
// expansion into jobs.
//
// All validation happens here, before any job starts: syntax, unknown keys,
// types, ranges, duplicates, and that every model file exists and is
// readable. ONNX parsing is left to the converter.
//
// Errors are Status::Error(Reason::kInvalidConfig, ...) whose message lists
// EVERY problem found, one per line, each starting with
// "file:line:column: " (1-based) where the location is known, or "file: "
// where it is not (e.g. an empty file). A YAML syntax error stops parsing, so
// it is always reported alone. A missing campaign file is Reason::kNotFound.
//
// Thread-safety: all functions are pure apart from reading files; any thread.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_overrides.h"
#include "common/precision.h"
#include "common/status.h"
#include "orchestrator/model/backend_spec.h"
#include "orchestrator/model/baseline_spec.h"
#include "orchestrator/model/job_spec.h"

namespace campaign {

// `validation:`: the largest norm-relative error ||out - ref|| / ||ref||
// accepted per precision, both against the fp32 engine's CPU reference and
// against the framework's stored output (schema/campaign-yaml.md).
struct ValidationConfig {
  std::map<Precision, double> tolerance;  // only the precisions the YAML sets; each in (0, 1]
};

// The default tolerance of a precision: DefaultTolerance (common/precision.h).

// One entry of `models:`.
struct ModelConfig {
  std::string name;                   // unique within the campaign; [A-Za-z0-9_.-]+
  std::filesystem::path path;         // absolute, lexically normalized; an existing readable file
  InputOverrides inputs;              // input name -> full shape; empty when `inputs:` is absent
  std::vector<int> batches;           // this model's `batch:`; empty = the matrix's
  std::vector<Precision> precisions;  // this model's `precision:`; empty = the matrix's
  ValidationConfig validation;        // this model's `validation:`; overrides the campaign's
};

// `measure:`: how the runner times one job (orchestrator/config/
// measure_section.h parses it; docs/measurement.md explains it).
struct MeasureConfig {
  int warmup = 0;                 // minimum warm-up inferences (the cold one counts); >= 0
  double warmup_ms = 200;         // `warmup_time`: minimum warm-up wall time; >= 0
  int iterations = 0;             // > 0: exactly this many timed iterations; 0: min rules
  int min_iterations = 10;        // timed iterations at least...; >= 1
  double min_duration_ms = 3000;  // ...and `min_duration` at least; >= 0
  bool transfers = true;          // false: compute only (inputs/outputs stay on the device)
  double max_cov = 0.025;         // CoV (fraction; YAML in %) above which a job is unstable
  int repeat_unstable = 0;        // re-measure an unstable job up to N times; 0..10
  int profile_iterations = 10;    // inferences of the per-layer profiling run; 0 = none
  int trace_iterations = 3;       // of those, written to the trace; 0 = no trace
};

// `calibration:`: the batches int8 engines are calibrated on (orchestrator/
// config/calibration_section.h parses it; docs/converter.md explains it).
struct CalibrationSpec {
  int batches = 8;                          // random batches when `data` is empty; 1..10000
  uint32_t seed = 1;                        // seed of the first random batch
  std::vector<std::filesystem::path> data;  // absolute, existing .npy files; empty = random
};

// A validated campaign. Every field satisfies the constraints in its comment.
struct CampaignConfig {
  std::string name;                   // non-empty
  std::filesystem::path source_path;  // absolute, normalized path of the YAML file
  std::string source_text;            // the YAML exactly as read (stored with the campaign)
  std::string source_sha256;          // Sha256Hex(source_text): identifies the campaign
  std::vector<ModelConfig> models;    // non-empty, in YAML order, unique names
  std::vector<int> batches;           // non-empty, each > 0, no duplicates, YAML order
  std::vector<Precision> precisions;  // non-empty, no duplicates, YAML order; default {kFp32}
  MeasureConfig measure;              // defaults when `measure:` is absent
  CalibrationSpec calibration;        // int8 jobs only; defaults when absent
  ValidationConfig validation;        // `validation:`; empty when absent
  double timeout_s = 600;             // per job run on the device; > 0
  double convert_timeout_s = 600;     // per job conversion; > 0
  // Device selectors, interpreted by the runner: {"auto"} by default, the
  // `device:` scalar, or the `devices:` list; {"all"} means every device.
  // Jobs run on one device at a time each, devices in parallel.
  std::vector<std::string> devices = {"auto"};
  // Automatic retries per failure reason (only transient reasons: crash,
  // timeout, runtime_error, device_error). Default: crash 1, timeout 1.
  std::map<Reason, int> retries = {{Reason::kCrash, 1}, {Reason::kTimeout, 1}};
  // `matrix.backends`: non-empty, unique names, YAML order; default: our
  // engine alone ({BackendSpec{}} = opencl).
  std::vector<BackendSpec> backends = {BackendSpec{}};
  // `baselines:`: file sources already read and parsed; YAML order.
  std::vector<BaselineSpec> baselines;
};

// Reads and validates the campaign at `yaml_path`. Model paths are resolved
// relative to the directory that contains the YAML file.
// kNotFound when the file does not exist; kInvalidConfig for everything else.
Result<CampaignConfig> LoadCampaignConfig(const std::filesystem::path& yaml_path);

// Validates `text` as if it were the contents of `yaml_path` (which need not
// exist: it names the file in messages and anchors relative model paths).
// Model files are still checked on disk.
Result<CampaignConfig> ParseCampaignConfig(std::string_view text,
                                           const std::filesystem::path& yaml_path);

// The tolerance a job of `model` at `precision` is validated with: the
// model's own `validation.tolerance`, else the campaign's, else the default.
double ToleranceFor(const CampaignConfig& config, const std::string& model, Precision precision);

// One JobSpec per cell of models x batches x precisions x backends, ordered
// by model (YAML order), then batch, then precision, then backend:
// models.size() * batches.size() * precisions.size() * backends.size() specs
// (a model's own batch/precision lists replace the matrix's).
std::vector<JobSpec> ExpandMatrix(const CampaignConfig& config);

}  // namespace campaign
