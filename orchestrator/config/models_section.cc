#include "orchestrator/config/models_section.h"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <map>

#include "orchestrator/config/matrix_lists.h"
#include "orchestrator/config/overrides_section.h"
#include "orchestrator/config/validation_section.h"

namespace campaign::config {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 6> kModelKeys = {"name",  "path",      "inputs",
                                                        "batch", "precision", "validation"};
constexpr std::string_view kModelExample =
    "`- name: squeezenet1_1` / `  path: models/squeezenet1_1.onnx`";

bool IsValidModelName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// The model's name, or nullopt after reporting why it is missing or invalid.
std::optional<std::string> ParseModelName(const YAML::Node& entry, const std::string& where,
                                          ErrorList& errors) {
  auto field = GetField(entry, "name");
  if (!field) {
    errors.Add(entry.Mark(), where +
                                 " has no 'name'; add e.g. `name: squeezenet1_1` (a unique "
                                 "label used in the results)");
    return std::nullopt;
  }
  const YAML::Node& value = field->value;
  if (!value.IsScalar() || !IsValidModelName(value.Scalar())) {
    errors.Add(ValueMark(*field), where + ": invalid name " + Describe(value) +
                                      "; a model name uses only letters, digits, '_', '.' and '-', "
                                      "e.g. squeezenet1_1");
    return std::nullopt;
  }
  return value.Scalar();
}

// The model's absolute path, or nullopt after reporting a problem.
std::optional<fs::path> ParseModelPath(const YAML::Node& entry, const std::string& where,
                                       const fs::path& base_dir, ErrorList& errors) {
  auto field = GetField(entry, "path");
  if (!field) {
    errors.Add(entry.Mark(), where +
                                 " has no 'path'; add e.g. `path: models/model.onnx` "
                                 "(relative to the YAML file's directory)");
    return std::nullopt;
  }
  const YAML::Node& value = field->value;
  if (!value.IsScalar() || value.Scalar().empty()) {
    errors.Add(
        ValueMark(*field),
        where + ": path must be a file name, e.g. models/model.onnx (got " + Describe(value) + ")");
    return std::nullopt;
  }
  fs::path written(value.Scalar());
  fs::path path = (written.is_absolute() ? written : base_dir / written).lexically_normal();
  if (auto problem = ModelFileProblem(path)) {
    std::string message = where + ": " + *problem;
    if (written.is_relative()) {
      message += " (paths are relative to the YAML file's directory, " + base_dir.string() + ")";
    }
    errors.Add(value.Mark(), message);
    return std::nullopt;
  }
  return path;
}

// One entry of `models:`; nullopt after reporting any problem with it.
std::optional<ModelConfig> ParseModel(const YAML::Node& entry, size_t index,
                                      const fs::path& base_dir, ErrorList& errors) {
  std::string where = "models[" + std::to_string(index) + "]";
  if (!CheckMapping(entry, entry.Mark(), where, kModelKeys, kModelExample, errors))
    return std::nullopt;
  size_t errors_before = errors.size();
  auto name = ParseModelName(entry, where, errors);
  if (name) where = "model '" + *name + "'";
  ModelConfig model;
  if (name) model.name = *name;
  if (auto path = ParseModelPath(entry, where, base_dir, errors)) model.path = *path;
  if (auto batch = GetField(entry, "batch")) {
    ParseBatchList(*batch, where + " batch", model.batches, errors);
  }
  if (auto precision = GetField(entry, "precision")) {
    ParsePrecisionList(*precision, where + " precision", model.precisions, errors);
  }
  if (auto inputs = GetField(entry, "inputs")) {
    model.inputs = ParseInputOverrides(*inputs, where + " inputs", errors);
  }
  ParseValidation(entry, where, model.validation, errors);
  if (errors.size() != errors_before) return std::nullopt;
  return model;
}

}  // namespace

std::optional<std::string> ModelFileProblem(const fs::path& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    return "file not found: " + path.string();
  }
  if (ec) return "cannot access " + path.string() + ": " + ec.message();
  if (status.type() == fs::file_type::directory) {
    return path.string() + " is a directory; path must name a model file (.onnx)";
  }
  if (::access(path.c_str(), R_OK) != 0) {
    return "cannot read " + path.string() + ": " + std::strerror(errno) +
           "; check the file's permissions";
  }
  return std::nullopt;
}

std::vector<ModelConfig> ParseModels(const Field& field, const fs::path& base_dir,
                                     ErrorList& errors) {
  const YAML::Node& models = field.value;
  std::vector<ModelConfig> out;
  if (!models.IsSequence()) {
    errors.Add(ValueMark(field),
               "models must be a list of models, each with a name and a path, "
               "e.g. " +
                   std::string(kModelExample) + " (got " + Describe(models) + ")");
    return out;
  }
  if (models.size() == 0) {
    errors.Add(models.Mark(), "models has no entries; list at least one model to benchmark");
    return out;
  }
  // Name -> line of its first definition, to point at both duplicates.
  std::map<std::string, int> first_line;
  for (size_t i = 0; i < models.size(); ++i) {
    const YAML::Node& entry = models[i];
    if (auto name = GetField(entry, "name"); name && name->value.IsScalar()) {
      const std::string& n = name->value.Scalar();
      int line = LineOf(name->value.Mark());
      auto [it, inserted] = first_line.emplace(n, line);
      if (!inserted) {
        errors.Add(name->value.Mark(),
                   "duplicate model name '" + n + "' at lines " + std::to_string(it->second) +
                       " and " + std::to_string(line) + "; give each model a unique name");
        continue;
      }
    }
    if (auto model = ParseModel(entry, i, base_dir, errors)) out.push_back(std::move(*model));
  }
  return out;
}

}  // namespace campaign::config
