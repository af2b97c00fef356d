// The measurement behind the fp16 range check (passes/fp16_pass.h,
// Fp16Options): max |x| of every float activation of the fp32 graph, from
// the runner's CPU reference on a few random batches (converter/calibration.h).
#pragma once

#include <onnx/onnx_pb.h>

#include "common/status.h"
#include "converter/calibration.h"

namespace campaign::converter {

// Random batches the range check runs (seed 1, uniform in [-1, 1) like the
// runner's inputs).
inline constexpr int kFp16RangeBatches = 2;

// The float tensors written by the nodes of `g` and its float graph inputs
// (sorted, unique): what the range check measures.
std::vector<std::string> Fp16RangeTensors(const onnx::GraphProto& g);

// Measures Fp16RangeTensors(model) on `calibration_model` (the same graph
// simplified at batch 1, so tensor names match; `model` itself when null or
// when a name is missing there). The executor's errors otherwise (e.g. an op
// the reference does not run).
Result<CalibrationResult> MeasureFp16Ranges(const onnx::ModelProto& model,
                                            const onnx::ModelProto* calibration_model);

}  // namespace campaign::converter
