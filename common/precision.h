// Numeric precision of an engine: the third axis of the campaign matrix.
#pragma once

#include <optional>
#include <string_view>

namespace campaign {

enum class Precision { kFp32, kFp16, kInt8 };

// "fp32", "fp16", "int8".
std::string_view PrecisionName(Precision p);
// Inverse of PrecisionName (exact, lower case); nullopt otherwise.
std::optional<Precision> PrecisionFromName(std::string_view name);

}  // namespace campaign
