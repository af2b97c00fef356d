// One benchmark job: load an engine, pick a device, validate against the CPU
// reference, time the inferences, profile the layers, and report a
// RunResult. docs/measurement.md says what each number includes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/precision.h"
#include "common/run_result.h"
#include "runner/cl/program_cache.h"
#include "runner/measure_rules.h"
#include "runner/timed_run.h"

namespace campaign::runner {

struct JobOptions {
  std::filesystem::path engine;  // engine (ONNX) file
  std::string device = "auto";   // device spec, see cl::SelectDevice
  MeasureRules measure;          // warm-up, stop rules, transfers, noise threshold
  ProfileOptions profile;        // the separate profiling run and the trace
  uint32_t seed = 1234;          // random input seed
  double tolerance = 1e-4;       // bound on the validation norm_rel_error
  bool validate = true;          // compare with the CPU reference
  // When set, validation compares with the CPU reference of this engine
  // (the fp32 engine of the same model and batch) instead of the job's own:
  // an fp16 or int8 engine is judged against fp32, not against itself. Its
  // inputs and outputs must match the job's engine (names, dtypes, shapes).
  std::filesystem::path reference_engine;
  // The exporting framework's stored input and output (.npy, both or
  // neither): when set, the engine also runs on that input, tiled to its
  // batch, and must match the output within `framework_tolerance`
  // (runner/framework_check.h). A mismatch fails the job with kAccuracy.
  std::filesystem::path framework_input, framework_output;
  double framework_tolerance = 1e-4;
  // False: the tolerances above are the defaults, and an int8 engine's checks
  // use DefaultTolerance(Precision::kInt8) instead. The orchestrator always passes the
  // campaign's tolerance for the job's precision.
  bool tolerance_given = false;
  // Where compiled OpenCL programs are kept between runner processes
  // (cl/program_cache.h); empty: always build from source.
  std::filesystem::path kernel_cache = cl::DefaultKernelCacheDir();
  // When set, receives every timed iteration (not part of the RunResult).
  std::vector<IterationSample>* samples = nullptr;
};

// Runs the job and fills every field it could: on failure ok=false with the
// reason and a user-facing message (timings are kept on an accuracy
// failure). Never throws; logs progress with spdlog.
RunResult RunJob(const JobOptions& options);

}  // namespace campaign::runner
