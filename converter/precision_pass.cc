#include "converter/precision_pass.h"

#include <string>

#include "converter/int8_pass.h"

namespace campaign::converter {

Result<std::string> ApplyPrecision(onnx::ModelProto& model, Precision precision,
                                   const PrecisionOptions& options) {
  switch (precision) {
    case Precision::kFp32:
      return std::string("fp32");
    case Precision::kInt8:
      return ApplyInt8(model, options.calibration_model, options.calibration);
    case Precision::kFp16:
      break;
  }
  return Status::Error(
      Reason::kUnsupportedPrecision,
      std::string(PrecisionName(precision)) + " engines are not implemented yet; use fp32");
}

}  // namespace campaign::converter
