// The one checked parser for numbers read from outside the program: vendor
// tool output (trtexec logs), baseline CSV/YAML/JSON files, backend result
// JSON, campaign YAML. A number is accepted only when the whole text (spaces
// around it allowed) is a decimal number, it is finite, and it lies in the
// caller's range; otherwise the error names the field and says which of
// those failed. Callers add "file:line" with Status::WithContext.
//
// Never throws, never aborts: "-", "", "1e999", "nan", "inf", "12abc" all
// come back as kInvalidArgument (or the reason the caller asks for).
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

#include "common/status.h"

namespace campaign {

struct DoubleRange {
  double min = -std::numeric_limits<double>::max();  // inclusive
  double max = std::numeric_limits<double>::max();   // inclusive
};

// A range that excludes 0 and below, e.g. for latencies.
inline constexpr DoubleRange kPositive{std::numeric_limits<double>::denorm_min(),
                                       std::numeric_limits<double>::max()};
inline constexpr DoubleRange kNonNegative{0.0, std::numeric_limits<double>::max()};

// `field` names the value in the error ("latency median", "batch").
Result<double> ParseDouble(std::string_view text, std::string_view field, DoubleRange range = {},
                           Reason reason = Reason::kInvalidArgument);

// A decimal integer (optional sign) in [min, max].
Result<int64_t> ParseInt(std::string_view text, std::string_view field, int64_t min, int64_t max,
                         Reason reason = Reason::kInvalidArgument);

}  // namespace campaign
