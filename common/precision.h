// Numeric precision of an engine: the third axis of the campaign matrix, and
// the one table of what each precision means by default.
#pragma once

#include <optional>
#include <string_view>

namespace campaign {

enum class Precision { kFp32, kFp16, kInt8 };

// One row per precision. The campaign YAML's validation defaults, the
// converter's int8 accuracy target, `campaign bench` and the runner's checks
// all read this table; nothing else holds these numbers.
struct PrecisionDefaults {
  Precision precision;
  std::string_view name;  // "fp32", "fp16", "int8": YAML, metadata, reports
  // Norm-relative error ||out - ref|| / ||ref|| accepted against the fp32
  // reference (or the framework's output) on the same inputs. fp16: half
  // storage alone; int8: chosen with margin from docs/converter.md ("int8
  // engines").
  double tolerance;
};

inline constexpr PrecisionDefaults kPrecisionDefaults[] = {
    {Precision::kFp32, "fp32", 1e-4},
    {Precision::kFp16, "fp16", 1e-2},
    {Precision::kInt8, "int8", 5e-2},
};

// The row of `p`.
constexpr const PrecisionDefaults& DefaultsOf(Precision p) {
  for (const PrecisionDefaults& d : kPrecisionDefaults) {
    if (d.precision == p) return d;
  }
  return kPrecisionDefaults[0];
}

// The default validation tolerance of `p` (the table's).
constexpr double DefaultTolerance(Precision p) { return DefaultsOf(p).tolerance; }

// "fp32", "fp16", "int8".
std::string_view PrecisionName(Precision p);
// Inverse of PrecisionName (exact, lower case); nullopt otherwise.
std::optional<Precision> PrecisionFromName(std::string_view name);

}  // namespace campaign
