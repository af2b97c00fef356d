#include "converter/precision_pass.h"

#include <spdlog/spdlog.h>

#include <string>

#include "common/engine_format.h"
#include "converter/engine_metadata.h"
#include "converter/fp16_range.h"
#include "converter/int8_pass.h"
#include "converter/passes/fp16_pass.h"

namespace campaign::converter {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ",") + n;
  return s;
}

Result<std::string> ApplyFp16(onnx::ModelProto& model, const onnx::ModelProto* calibration_model) {
  Fp16Options options;
  options.range_check = true;
  std::string range_note;
  Result<CalibrationResult> measured = MeasureFp16Ranges(model, calibration_model);
  if (measured.ok()) {
    options.ranges = std::move(measured->ranges);
    range_note = "; range check on " + std::to_string(options.ranges.size()) + " tensors (" +
                 std::to_string(measured->runs) + " runs, " +
                 std::to_string(static_cast<int>(measured->elapsed_ms)) + " ms)";
  } else {
    // Initializers are still checked: their values are in the model.
    spdlog::warn(
        "fp16: could not measure activation ranges ({}); converting without the activation "
        "range check, so values outside half's range may lose accuracy",
        measured.status().ToString());
    range_note = "; activation range check skipped (calibration failed)";
  }
  ASSIGN_OR_RETURN(Fp16Result r, ConvertToFp16(model, options));
  const std::string kept = JoinNames(r.fp32_nodes);
  SetMetadata(model, engine::kKeyFp32Nodes, kept);
  SetMetadata(model, engine::kKeyPrecisionSummary, r.ToString());
  if (!r.range_fp32_nodes.empty()) {
    spdlog::info("fp16: {} nodes kept in float32 because their values do not fit half: {}",
                 r.range_fp32_nodes.size(), JoinNames(r.range_fp32_nodes));
  }
  spdlog::info("fp16: {}{}", r.ToString(), kept.empty() ? "" : " (float32: " + kept + ")");
  return "fp16: " + r.ToString() + range_note;
}

}  // namespace

Result<std::string> ApplyPrecision(onnx::ModelProto& model, Precision precision,
                                   const PrecisionOptions& options) {
  switch (precision) {
    case Precision::kFp32:
      return std::string("fp32");
    case Precision::kInt8:
      return ApplyInt8(model, options.calibration_model, options.calibration, options.int8_plan);
    case Precision::kFp16:
      return ApplyFp16(model, options.calibration_model);
  }
  return Status::Error(Reason::kUnsupportedPrecision,
                       "unknown precision " + std::string(PrecisionName(precision)));
}

}  // namespace campaign::converter
