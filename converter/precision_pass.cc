#include "converter/precision_pass.h"

#include <string>

namespace campaign::converter {

Status ApplyPrecision(onnx::ModelProto& model, Precision precision) {
  if (precision == Precision::kFp32) return Status::Ok();
  return Status::Error(
      Reason::kUnsupportedPrecision,
      std::string(PrecisionName(precision)) + " engines are not implemented yet; use fp32");
}

}  // namespace campaign::converter
