// Calibration for int8 engines: the range (min and max) of each activation tensor
// that the int8 pass quantizes, measured by running the fp32 graph on the
// runner's CPU reference operators (graph::Plan::RunReference) over
// calibration batches.
#pragma once

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/engine_format.h"
#include "common/precision.h"
#include "common/status.h"

namespace campaign::converter {

// Where calibration batches come from (YAML `calibration:`, campaign
// convert --calibration-*; schema/campaign-yaml.md).
struct CalibrationConfig {
  // Random batches (Executor::MakeRandomInputs(seed + i), uniform in [-1, 1)
  // like the runner's inputs) when `data` is empty. >= 1.
  int batches = 8;
  uint32_t seed = 1;
  // .npy files of float32 samples for the model's single input: each holds
  // [k, d1, d2, ...] (k samples of the input's per-sample shape, or exactly
  // the input's shape). All samples of all files are used, `batches` is not.
  std::vector<std::filesystem::path> data;
  // The int8 validation tolerance the engine is built to pass (norm-relative
  // error against fp32; the YAML's validation.tolerance.int8). The accuracy
  // check (converter/int8_accuracy.h) aims at kInt8TargetFraction of it.
  double tolerance = DefaultTolerance(Precision::kInt8);
};

// Text identifying the calibration for the engine cache key and metadata:
// "random batches=8 seed=1 tolerance=0.05", or "npy " + the files' SHA-256s
// (their content, not their paths) + " tolerance=...". kNotFound / kIoError
// when a data file cannot be read.
Result<std::string> CalibrationKey(const CalibrationConfig& config);

// The smallest and largest value a tensor took over all calibration batches.
struct ValueRange {
  float min = 0.0f;
  float max = 0.0f;
  float MaxAbs() const { return std::max(-min, max); }
};

// Tensor name -> its range over all calibration batches.
using ActivationRanges = std::map<std::string, ValueRange>;

struct CalibrationResult {
  ActivationRanges ranges;
  int runs = 0;     // reference inferences
  int samples = 0;  // runs x the model's batch
  double elapsed_ms = 0;
};

// Runs `model` (fp32, static shapes, only runner ops) with every name in
// `tensors` exposed as an output (graph inputs are measured from the data).
// Errors: kInvalidArgument for data that does not fit the model (wrong
// dtype or per-sample shape, several model inputs), kNotFound/kIoError for
// unreadable files, the executor's errors otherwise. Thread-compatible.
Result<CalibrationResult> Calibrate(const onnx::ModelProto& model,
                                    const std::vector<std::string>& tensors,
                                    const CalibrationConfig& config);

// The graph to measure `tensors` on: `batch1` (the same model simplified at
// batch 1, cheaper) when it is given and produces or takes as input every
// one of them, else `model` (with a warning naming `who` and the tensor
// missing from the batch-1 graph).
const onnx::ModelProto& ChooseCalibrationGraph(const onnx::ModelProto& model,
                                               const onnx::ModelProto* batch1,
                                               const std::vector<std::string>& tensors,
                                               std::string_view who);

}  // namespace campaign::converter
