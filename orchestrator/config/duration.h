// Durations in the campaign YAML: `timeout: 600`, `timeout: "90s"`, `"10m"`.
#pragma once

#include <optional>
#include <string_view>

namespace campaign::config {

// Seconds for a number with an optional unit suffix: s (seconds), m
// (minutes), h (hours); no suffix means seconds. Fractions are allowed
// ("1.5m" = 90). Surrounding spaces and a space before the unit are allowed.
// Returns nullopt for anything else (empty, "ten", "10 min", NaN, inf). Does
// not check the sign: callers decide what range is valid.
std::optional<double> ParseDurationSeconds(std::string_view text);

}  // namespace campaign::config
