#include "orchestrator/config/duration.h"

#include <charconv>
#include <cmath>

namespace campaign::config {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<double> ParseDurationSeconds(std::string_view text) {
  text = Trim(text);
  double scale = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 's':
        scale = 1;
        text.remove_suffix(1);
        break;
      case 'm':
        scale = 60;
        text.remove_suffix(1);
        break;
      case 'h':
        scale = 3600;
        text.remove_suffix(1);
        break;
      default:
        break;
    }
  }
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  double seconds = value * scale;
  if (!std::isfinite(seconds)) return std::nullopt;
  return seconds;
}

}  // namespace campaign::config
