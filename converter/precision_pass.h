// Pass "precision": converts the engine to the job's numeric precision.
// A dispatcher: each precision lives in its own file (fp16:
// passes/fp16_pass.h, int8: int8_pass.h).
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>

#include "common/precision.h"
#include "common/status.h"
#include "converter/calibration.h"

namespace campaign::converter {

struct PrecisionOptions {
  CalibrationConfig calibration;  // int8 only
  // int8 and fp16 (its range check): the same graph simplified at batch 1
  // (same tensor names), to calibrate cheaply; null = calibrate `model`
  // itself. Not owned.
  const onnx::ModelProto* calibration_model = nullptr;
  // int8: the plan file shared with the model's other batch sizes
  // (int8_plan_cache.h); empty: not shared.
  std::filesystem::path int8_plan;
};

// fp32 leaves the model as it is. fp16 measures activation ranges
// (fp16_range.h; on failure it warns and checks initializers only), stores
// weights and activations as float16 (converter/passes/fp16_pass.h) except
// the nodes whose values do not fit half, and records the nodes kept in
// float32 in the engine metadata (campaign.fp32_nodes). int8 quantizes it
// (ApplyInt8). Returns what it did, for the convert log.
Result<std::string> ApplyPrecision(onnx::ModelProto& model, Precision precision,
                                   const PrecisionOptions& options = {});

}  // namespace campaign::converter
