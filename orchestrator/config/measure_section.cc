#include "orchestrator/config/measure_section.h"

#include <array>
#include <charconv>
#include <limits>
#include <string>

#include "orchestrator/config/duration.h"

namespace campaign::config {

namespace {

constexpr std::array<std::string_view, 10> kMeasureKeys = {
    "warmup",    "warmup_time", "iterations",      "min_iterations",     "min_duration",
    "transfers", "max_cov",     "repeat_unstable", "profile_iterations", "trace_iterations"};

// An integer field that must lie in [min, max]; `value` is left alone when
// the key is absent.
void ParseCount(const YAML::Node& measure, std::string_view key, int min, int max, int& value,
                ErrorList& errors) {
  auto field = GetField(measure, key);
  if (!field) return;
  auto n = ScalarToInt(field->value);
  if (!n || *n < min || *n > max) {
    std::string range = max == std::numeric_limits<int>::max()
                            ? ">= " + std::to_string(min)
                            : "from " + std::to_string(min) + " to " + std::to_string(max);
    errors.Add(ValueMark(*field), "measure." + std::string(key) + " must be an integer " + range +
                                      " (got " + Describe(field->value) + ")");
    return;
  }
  value = static_cast<int>(*n);
}

void ParseTime(const YAML::Node& measure, std::string_view key, double& ms, ErrorList& errors) {
  auto field = GetField(measure, key);
  if (!field) return;
  std::optional<double> v;
  if (field->value.IsScalar()) v = ParseMilliseconds(field->value.Scalar());
  if (!v) {
    errors.Add(ValueMark(*field), "measure." + std::string(key) +
                                      " must be a duration >= 0: seconds (3), or a number with "
                                      "ms, s or m (\"200ms\", \"3s\") (got " +
                                      Describe(field->value) + ")");
    return;
  }
  ms = *v;
}

// `max_cov: 2.5` or `max_cov: "2.5%"`: a percentage, stored as a fraction.
void ParseCov(const YAML::Node& measure, double& fraction, ErrorList& errors) {
  auto field = GetField(measure, "max_cov");
  if (!field) return;
  std::string text = field->value.IsScalar() ? field->value.Scalar() : "";
  if (!text.empty() && text.back() == '%') text.pop_back();
  double v = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(v >= 0) ||
      v > 100) {
    errors.Add(ValueMark(*field),
               "measure.max_cov must be a percentage from 0 to 100, e.g. 2.5 or \"2.5%\" (got " +
                   Describe(field->value) + ")");
    return;
  }
  fraction = v / 100.0;
}

void ParseBool(const YAML::Node& measure, std::string_view key, bool& value, ErrorList& errors) {
  auto field = GetField(measure, key);
  if (!field) return;
  const std::string s = field->value.IsScalar() ? field->value.Scalar() : "";
  if (s == "true") {
    value = true;
  } else if (s == "false") {
    value = false;
  } else {
    errors.Add(ValueMark(*field), "measure." + std::string(key) + " must be true or false (got " +
                                      Describe(field->value) + ")");
  }
}

}  // namespace

std::optional<double> ParseMilliseconds(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() > 2 && text.substr(text.size() - 2) == "ms") {
    auto s = ParseDurationSeconds(text.substr(0, text.size() - 2));
    if (!s || *s < 0) return std::nullopt;
    return *s;  // the number itself, already in ms
  }
  auto s = ParseDurationSeconds(text);
  if (!s || *s < 0) return std::nullopt;
  return *s * 1000.0;
}

void ParseMeasure(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors) {
  auto measure = GetField(root, "measure");
  if (!measure || measure->value.IsNull()) return;  // `measure:` alone means defaults
  if (!CheckMapping(measure->value, ValueMark(*measure), "measure", kMeasureKeys,
                    "`measure: {warmup: 10, iterations: 50}`", errors)) {
    return;
  }
  const YAML::Node& m = measure->value;
  MeasureConfig& c = cfg.measure;
  constexpr int kMax = std::numeric_limits<int>::max();
  ParseCount(m, "warmup", 0, kMax, c.warmup, errors);
  ParseTime(m, "warmup_time", c.warmup_ms, errors);
  ParseCount(m, "iterations", 1, kMax, c.iterations, errors);
  ParseCount(m, "min_iterations", 1, kMax, c.min_iterations, errors);
  ParseTime(m, "min_duration", c.min_duration_ms, errors);
  ParseBool(m, "transfers", c.transfers, errors);
  ParseCov(m, c.max_cov, errors);
  ParseCount(m, "repeat_unstable", 0, 10, c.repeat_unstable, errors);
  ParseCount(m, "profile_iterations", 0, 10000, c.profile_iterations, errors);
  ParseCount(m, "trace_iterations", 0, 100, c.trace_iterations, errors);
}

}  // namespace campaign::config
