#include "common/precision.h"

namespace campaign {

std::string_view PrecisionName(Precision p) { return DefaultsOf(p).name; }

std::optional<Precision> PrecisionFromName(std::string_view name) {
  for (const PrecisionDefaults& d : kPrecisionDefaults) {
    if (d.name == name) return d.precision;
  }
  return std::nullopt;
}

}  // namespace campaign
