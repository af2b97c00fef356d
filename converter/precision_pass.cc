#include "converter/precision_pass.h"

#include <spdlog/spdlog.h>

#include <string>

#include "converter/int8_pass.h"
#include "common/engine_format.h"
#include "converter/engine_metadata.h"
#include "converter/passes/fp16_pass.h"

namespace campaign::converter {
namespace {

Result<std::string> ApplyFp16(onnx::ModelProto& model) {
  ASSIGN_OR_RETURN(Fp16Result r, ConvertToFp16(model));
  std::string kept;
  for (const auto& n : r.fp32_nodes) kept += (kept.empty() ? "" : ",") + n;
  SetMetadata(model, engine::kKeyFp32Nodes, kept);
  SetMetadata(model, engine::kKeyPrecisionSummary, r.ToString());
  spdlog::info("fp16: {}{}", r.ToString(), kept.empty() ? "" : " (float32: " + kept + ")");
  return "fp16: " + r.ToString();
}

}  // namespace

Result<std::string> ApplyPrecision(onnx::ModelProto& model, Precision precision,
                                   const PrecisionOptions& options) {
  switch (precision) {
    case Precision::kFp32:
      return std::string("fp32");
    case Precision::kInt8:
      return ApplyInt8(model, options.calibration_model, options.calibration);
    case Precision::kFp16:
      return ApplyFp16(model);
  }
  return Status::Error(Reason::kUnsupportedPrecision,
                       "unknown precision " + std::string(PrecisionName(precision)));
}

}  // namespace campaign::converter
