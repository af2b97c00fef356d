#include "converter/precision_pass.h"

#include <spdlog/spdlog.h>

#include <string>

#include "common/engine_format.h"
#include "converter/engine_metadata.h"
#include "converter/passes/fp16_pass.h"

namespace campaign::converter {
namespace {

Status ApplyFp16(onnx::ModelProto& model) {
  ASSIGN_OR_RETURN(Fp16Result r, ConvertToFp16(model));
  std::string kept;
  for (const auto& n : r.fp32_nodes) kept += (kept.empty() ? "" : ",") + n;
  SetMetadata(model, engine::kKeyFp32Nodes, kept);
  SetMetadata(model, engine::kKeyPrecisionSummary, r.ToString());
  spdlog::info("fp16: {}{}", r.ToString(), kept.empty() ? "" : " (float32: " + kept + ")");
  return Status::Ok();
}

}  // namespace

Status ApplyPrecision(onnx::ModelProto& model, Precision precision) {
  switch (precision) {
    case Precision::kFp32:
      return Status::Ok();
    case Precision::kFp16:
      return ApplyFp16(model);
    case Precision::kInt8:
      break;
  }
  return Status::Error(
      Reason::kUnsupportedPrecision,
      std::string(PrecisionName(precision)) + " engines are not implemented yet; use fp32 or fp16");
}

}  // namespace campaign::converter
