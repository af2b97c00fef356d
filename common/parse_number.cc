#include "common/parse_number.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <string>

namespace campaign {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string Shown(std::string_view text) {
  std::string out(text.substr(0, 40));
  if (text.size() > 40) out += "...";
  return "'" + out + "'";
}

template <typename T>
std::string Str(T v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

Result<double> ParseDouble(std::string_view text, std::string_view field, DoubleRange range,
                           Reason reason) {
  const std::string_view t = Trim(text);
  std::string_view digits = t;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double v = 0;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), v, std::chars_format::general);
  const std::string name(field);
  if (digits.empty() || end != digits.data() + digits.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    return Status::Error(reason, name + ": " + Shown(text) + " is not a number");
  }
  if (ec == std::errc::result_out_of_range || !std::isfinite(v)) {
    return Status::Error(reason, name + ": " + Shown(text) + " is not a finite number");
  }
  if (v < range.min || v > range.max) {
    std::string want = range.min == kPositive.min ? "> 0" : ">= " + Str(range.min);
    if (range.max < std::numeric_limits<double>::max()) want += " and <= " + Str(range.max);
    return Status::Error(reason,
                         name + ": " + Shown(text) + " is out of range (must be " + want + ")");
  }
  return v;
}

Result<int64_t> ParseInt(std::string_view text, std::string_view field, int64_t min, int64_t max,
                         Reason reason) {
  const std::string_view t = Trim(text);
  std::string_view digits = t;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  const std::string name(field);
  const std::string range = "[" + Str(min) + ", " + Str(max) + "]";
  if (digits.empty() || end != digits.data() + digits.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    return Status::Error(reason, name + ": " + Shown(text) + " is not an integer");
  }
  if (ec == std::errc::result_out_of_range || v < min || v > max) {
    return Status::Error(reason, name + ": " + Shown(text) + " is out of range " + range);
  }
  return v;
}

}  // namespace campaign
