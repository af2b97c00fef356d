#include "orchestrator/config/validation_section.h"

#include <array>
#include <charconv>
#include <cmath>

namespace campaign::config {
namespace {

constexpr std::array<std::string_view, 1> kValidationKeys = {"tolerance"};
constexpr std::array<std::string_view, 3> kPrecisionKeys = {"fp32", "fp16", "int8"};

std::optional<double> ScalarToDouble(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  const std::string& text = node.Scalar();
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

void ParseValidation(const YAML::Node& parent, const std::string& where, ValidationConfig& out,
                     ErrorList& errors) {
  auto validation = GetField(parent, "validation");
  if (!validation || validation->value.IsNull()) return;
  const std::string name = where.empty() ? "validation" : where + " validation";
  if (!CheckMapping(validation->value, ValueMark(*validation), name, kValidationKeys,
                    "`validation: {tolerance: {fp16: 2e-2}}`", errors)) {
    return;
  }
  auto tolerance = GetField(validation->value, "tolerance");
  if (!tolerance) return;
  const std::string tol_name = name + ".tolerance";
  if (!CheckMapping(tolerance->value, ValueMark(*tolerance), tol_name, kPrecisionKeys,
                    "`tolerance: {fp32: 1e-4, fp16: 2e-2}`", errors)) {
    return;
  }
  for (std::string_view key : kPrecisionKeys) {
    auto field = GetField(tolerance->value, key);
    if (!field) continue;
    auto v = ScalarToDouble(field->value);
    if (!v || !std::isfinite(*v) || *v <= 0 || *v > 1) {
      errors.Add(ValueMark(*field),
                 tol_name + "." + std::string(key) +
                     " must be a number > 0 and <= 1: the largest norm-relative error "
                     "||out - ref|| / ||ref|| accepted, e.g. 2e-2 (got " +
                     Describe(field->value) + ")");
      continue;
    }
    out.tolerance[*PrecisionFromName(key)] = *v;
  }
}

}  // namespace campaign::config
