#include "common/precision.h"

namespace campaign {

std::string_view PrecisionName(Precision p) {
  switch (p) {
    case Precision::kFp32:
      return "fp32";
    case Precision::kFp16:
      return "fp16";
    case Precision::kInt8:
      return "int8";
  }
  return "fp32";
}

std::optional<Precision> PrecisionFromName(std::string_view name) {
  if (name == "fp32") return Precision::kFp32;
  if (name == "fp16") return Precision::kFp16;
  if (name == "int8") return Precision::kInt8;
  return std::nullopt;
}

}  // namespace campaign
