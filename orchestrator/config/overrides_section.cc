#include "orchestrator/config/overrides_section.h"

#include <string>

namespace campaign::config {

namespace {

constexpr std::string_view kShapeExample = "[N, 3, 224, 224]";

// One dimension; nullopt (after reporting) when it is not N or an integer > 0.
std::optional<DimSpec> ParseDim(const YAML::Node& dim, const std::string& where,
                                ErrorList& errors) {
  if (dim.IsScalar() && dim.Scalar() == "N") return DimSpec{.is_batch = true};
  std::string got = Describe(dim);
  if (auto value = ScalarToInt(dim)) {
    if (*value > 0) return DimSpec{.is_batch = false, .value = *value};
    errors.Add(dim.Mark(), where + ": dimension " + std::to_string(*value) +
                               " is not allowed; every dimension must be N (the job's batch) "
                               "or a positive integer");
    return std::nullopt;
  }
  std::string message = where + ": " + got + " is not a valid dimension; use N for the job's " +
                        "batch or a positive integer, e.g. " + std::string(kShapeExample);
  if (dim.IsScalar() && dim.Scalar() == "n") message += " (N must be upper case)";
  errors.Add(dim.Mark(), message);
  return std::nullopt;
}

// The shape of one input; nullopt (after reporting) when any part is invalid.
std::optional<std::vector<DimSpec>> ParseShape(const Field& field, const std::string& where,
                                               ErrorList& errors) {
  const YAML::Node& shape = field.value;
  if (!shape.IsSequence()) {
    errors.Add(ValueMark(field), where + " must be the input's full shape as a list, e.g. " +
                                     std::string(kShapeExample) + " (got " + Describe(shape) + ")");
    return std::nullopt;
  }
  if (shape.size() == 0) {
    errors.Add(shape.Mark(), where + " is an empty shape; give every dimension, e.g. " +
                                 std::string(kShapeExample));
    return std::nullopt;
  }
  std::vector<DimSpec> dims;
  bool ok = true;
  for (size_t i = 0; i < shape.size(); ++i) {
    auto dim = ParseDim(shape[i], where + "[" + std::to_string(i) + "]", errors);
    if (dim) {
      dims.push_back(*dim);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return dims;
}

}  // namespace

InputOverrides ParseInputOverrides(const Field& field, std::string_view where, ErrorList& errors) {
  const YAML::Node& inputs = field.value;
  InputOverrides overrides;
  if (inputs.IsNull()) return overrides;
  if (!inputs.IsMap()) {
    errors.Add(ValueMark(field),
               std::string(where) + " must map input names to shapes, e.g. `input: " +
                   std::string(kShapeExample) + "` (got " + Describe(inputs) + ")");
    return overrides;
  }
  CheckDuplicateKeys(inputs, where, errors);
  for (const auto& entry : inputs) {
    if (!entry.first.IsScalar() || entry.first.Scalar().empty()) {
      errors.Add(entry.first.Mark(),
                 std::string(where) + ": input names must be non-empty plain strings");
      continue;
    }
    const std::string& name = entry.first.Scalar();
    auto shape =
        ParseShape(Field{entry.first, entry.second}, std::string(where) + "." + name, errors);
    if (shape) overrides.emplace(name, std::move(*shape));
  }
  return overrides;
}

}  // namespace campaign::config
