// Accuracy-driven fp32 fallback for int8 engines.
//
// After calibration, the converter checks the quantized graph against the
// fp32 graph on the CPU reference (held-out random batches, not the
// calibration ones). When the norm-relative error of the outputs is above the
// target (a fraction of the int8 validation tolerance, so the engine passes
// with a margin on other inputs), it ranks the quantized layers by
// sensitivity and leaves the most sensitive ones in fp32, as few as reach the
// target. A layer's sensitivity is the output error of the whole graph with
// only that layer in int8 (one reference run per layer, on the first batch):
// a layer's own output error ranks badly, because a layer whose noise a later
// op absorbs (a Sigmoid gate at 0.5) looks as bad as one whose noise reaches
// the output (docs/converter.md, "Accuracy check"). The number of layers is
// then found on whole-model runs: 1, 2, 4 ... until the target is met, then
// a binary search between the last two counts.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "converter/calibration.h"

namespace campaign::converter {

// The converter aims at this fraction of the int8 tolerance.
inline constexpr double kInt8TargetFraction = 0.75;

struct Int8AccuracyConfig {
  double target_error = 0.0375;  // max norm-relative error vs the fp32 graph
  int eval_batches = 2;          // held-out random batches (>= 1)
  uint32_t seed = 0x5eed0001;    // seed of the first one (MakeRandomInputs)
};

struct LayerSensitivity {
  std::string output;  // the layer's first output (Int8Candidate::output)
  std::string label;   // "name (OpType)"
  double error = 0;    // output error with only this layer in int8
};

struct Int8Accuracy {
  double error_all_int8 = 0;  // every candidate quantized
  double error = 0;           // with `keep_fp32` left in fp32
  double target = 0;
  // Sorted, most sensitive first; empty when every layer could stay int8.
  std::vector<LayerSensitivity> sensitivity;
  // Layer output -> reason ("accuracy: sensitivity 0.031"), for QuantizeInt8.
  std::map<std::string, std::string> keep_fp32;
  int whole_model_runs = 0;  // quantized-graph evaluations
  double elapsed_ms = 0;
  // "error 0.061 with every layer in int8 > target 0.0375; 6 most sensitive
  // layers left in fp32: error 0.031 (9 whole-model checks, 4210 ms)".
  std::string ToString() const;
};

// Chooses which int8 candidates of `fp32_model` (static shapes, runner ops
// only, the graph the ranges were calibrated on) stay in fp32.
// REQUIRES: `ranges` covers CalibrationTensors(FindInt8Candidates(graph)).
// Errors: the executor's, when the graph cannot run on the reference.
Result<Int8Accuracy> ChooseInt8Fallback(const onnx::ModelProto& fp32_model,
                                        const ActivationRanges& ranges,
                                        const Int8AccuracyConfig& config);

}  // namespace campaign::converter
