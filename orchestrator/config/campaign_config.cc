#include "orchestrator/config/campaign_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <optional>

#include "common/file_util.h"
#include "common/sha256.h"
#include "common/utf8.h"
#include "orchestrator/config/backends_section.h"
#include "orchestrator/config/baselines_section.h"
#include "orchestrator/config/calibration_section.h"
#include "orchestrator/config/command_template.h"
#include "orchestrator/config/duration.h"
#include "orchestrator/config/matrix_lists.h"
#include "orchestrator/config/measure_section.h"
#include "orchestrator/config/models_section.h"
#include "orchestrator/config/run_policy_section.h"
#include "orchestrator/config/suggest.h"
#include "orchestrator/config/validation_section.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign {

namespace fs = std::filesystem;
using config::Describe;
using config::ErrorList;
using config::Field;
using config::GetField;

namespace {

constexpr std::array<std::string_view, 11> kTopKeys = {
    "name",    "models",  "matrix",    "measure",     "timeout",   "device",
    "devices", "retries", "baselines", "calibration", "validation"};
constexpr std::array<std::string_view, 3> kMatrixKeys = {"batch", "precision", "backends"};

// Reports a required key that is absent from `map` (named `where`).
void ReportMissing(const YAML::Node& map, std::string_view where, std::string_view key,
                   std::string_view hint, ErrorList& errors) {
  errors.Add(map.Mark(), "missing required key '" + std::string(key) + "' in " +
                             std::string(where) + "; " + std::string(hint));
}

void ParseName(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors) {
  auto field = GetField(root, "name");
  if (!field) {
    ReportMissing(root, "the top level", "name", "add e.g. `name: nightly`", errors);
  } else if (!field->value.IsScalar() || field->value.Scalar().empty()) {
    errors.Add(config::ValueMark(*field),
               "name must be a non-empty string, e.g. `name: nightly` (got " +
                   Describe(field->value) + ")");
  } else {
    cfg.name = field->value.Scalar();
  }
}

void ParseMatrix(const YAML::Node& root, const fs::path& base_dir, CampaignConfig& cfg,
                 ErrorList& errors) {
  auto matrix = GetField(root, "matrix");
  if (!matrix) {
    ReportMissing(root, "the top level", "matrix",
                  "add e.g. `matrix: {batch: [1, 8], precision: [fp32]}`", errors);
    return;
  }
  if (!config::CheckMapping(matrix->value, config::ValueMark(*matrix), "matrix", kMatrixKeys,
                            "`matrix: {batch: [1, 8], precision: [fp32]}`", errors)) {
    return;
  }
  if (auto batch = GetField(matrix->value, "batch")) {
    config::ParseBatchList(*batch, "matrix.batch", cfg.batches, errors);
  } else {
    ReportMissing(matrix->value, "matrix", "batch", "add e.g. `batch: [1, 8]`", errors);
  }
  if (auto precision = GetField(matrix->value, "precision")) {
    config::ParsePrecisionList(*precision, "matrix.precision", cfg.precisions, errors);
  } else {
    cfg.precisions = {Precision::kFp32};
  }
  if (auto backends = GetField(matrix->value, "backends")) {
    cfg.backends = config::ParseBackends(*backends, base_dir, errors);
    // {shape} needs every model's `inputs:` (the command gets no ONNX parsing).
    for (const auto& b : cfg.backends) {
      const auto used = PlaceholdersIn(b.command);
      if (std::find(used.begin(), used.end(), "shape") == used.end()) continue;
      for (const auto& m : cfg.models) {
        if (!m.inputs.empty()) continue;
        errors.Add(backends->value.Mark(),
                   "backend '" + b.name + "' uses {shape} but model '" + m.name +
                       "' has no `inputs:`; give its input shapes, e.g. inputs: {input: [N, 3, "
                       "224, 224]}");
      }
    }
  }
}

// Validates the single document `root` into `cfg`, reporting to `errors`.
void ParseDocument(const YAML::Node& root, const fs::path& base_dir, CampaignConfig& cfg,
                   ErrorList& errors) {
  if (root.IsNull()) {
    errors.Add(YAML::Mark::null_mark(),
               "the campaign file is empty; it needs at least `name`, `models` and `matrix` "
               "(see schema/campaign-yaml.md)");
    return;
  }
  if (!config::CheckMapping(root, root.Mark(), "the top level", kTopKeys,
                            "`name: nightly` followed by `models:` and `matrix:`", errors)) {
    return;
  }
  ParseName(root, cfg, errors);
  if (auto models = GetField(root, "models")) {
    cfg.models = config::ParseModels(*models, base_dir, errors);
  } else {
    ReportMissing(root, "the top level", "models",
                  "list the models to benchmark, e.g. `models: [{name: m, path: m.onnx}]`", errors);
  }
  ParseMatrix(root, base_dir, cfg, errors);
  config::ParseMeasure(root, cfg, errors);
  config::ParseCalibration(root, base_dir, cfg, errors);
  config::ParseValidation(root, "", cfg.validation, errors);
  config::ParseTimeouts(root, cfg, errors);
  config::ParseDevices(root, cfg, errors);
  config::ParseRetries(root, cfg, errors);
  if (auto baselines = GetField(root, "baselines")) {
    cfg.baselines = config::ParseBaselines(*baselines, base_dir, errors);
  }
}

fs::path AbsoluteNormal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

// Every key and value must be UTF-8: names end up in JSON and HTML reports
// (issue 16: an invalid name made `report --format=json` abort).
void CheckUtf8(const YAML::Node& node, ErrorList& errors) {
  if (node.IsScalar()) {
    const std::string bad = DescribeInvalidUtf8(node.Scalar());
    if (!bad.empty()) {
      errors.Add(node.Mark(), "'" + node.Scalar().substr(0, FirstInvalidUtf8(node.Scalar())) +
                                  "...' is not valid UTF-8 (" + bad +
                                  "); campaign files must be UTF-8 (names appear in JSON and "
                                  "HTML reports)");
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) CheckUtf8(item, errors);
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      CheckUtf8(kv.first, errors);
      CheckUtf8(kv.second, errors);
    }
  }
}

}  // namespace

Result<CampaignConfig> ParseCampaignConfig(std::string_view text, const fs::path& yaml_path) {
  const std::string file = yaml_path.string();
  CampaignConfig cfg;
  cfg.source_path = AbsoluteNormal(yaml_path);
  cfg.source_text = std::string(text);
  cfg.source_sha256 = Sha256Hex(text);

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(cfg.source_text);
  } catch (const YAML::ParserException& e) {
    return Status::Error(Reason::kInvalidConfig,
                         config::LocationPrefix(file, e.mark) + "YAML syntax error: " + e.msg +
                             " (check the indentation and brackets around this point)");
  }
  ErrorList errors(file);
  if (documents.size() > 1) {
    errors.Add(documents[1].Mark(), "the file holds " + std::to_string(documents.size()) +
                                        " YAML documents (separated by ---); a campaign file "
                                        "holds exactly one");
  } else {
    if (!documents.empty()) CheckUtf8(documents[0], errors);
    try {
      if (!errors.empty()) return Status::Error(Reason::kInvalidConfig, errors.Joined());
      ParseDocument(documents.empty() ? YAML::Node() : documents[0], cfg.source_path.parent_path(),
                    cfg, errors);
    } catch (const YAML::Exception& e) {
      // The validators check node types before converting, so this is a bug;
      // still report it against the file rather than crash.
      errors.Add(e.mark, "internal error while reading the campaign: " + e.msg);
    }
  }
  if (!errors.empty()) return Status::Error(Reason::kInvalidConfig, errors.Joined());
  return cfg;
}

Result<CampaignConfig> LoadCampaignConfig(const fs::path& yaml_path) {
  std::error_code ec;
  if (fs::is_directory(yaml_path, ec)) {
    return Status::Error(Reason::kInvalidConfig, yaml_path.string() +
                                                     " is a directory; give the path of a campaign "
                                                     "YAML file, e.g. campaigns/quickstart.yaml");
  }
  Result<std::string> text = ReadFile(yaml_path);
  if (!text.ok()) {
    if (text.status().reason() == Reason::kNotFound) {
      return Status::Error(Reason::kNotFound, "campaign file not found: " + yaml_path.string() +
                                                  " (give the path of a campaign YAML file, e.g. "
                                                  "campaigns/quickstart.yaml)");
    }
    return Status::Error(Reason::kInvalidConfig,
                         "cannot read the campaign file: " + text.status().message());
  }
  return ParseCampaignConfig(*text, yaml_path);
}

double ToleranceFor(const CampaignConfig& config, const std::string& model, Precision precision) {
  for (const ModelConfig& m : config.models) {
    if (m.name != model) continue;
    if (auto it = m.validation.tolerance.find(precision); it != m.validation.tolerance.end()) {
      return it->second;
    }
  }
  auto it = config.validation.tolerance.find(precision);
  return it != config.validation.tolerance.end() ? it->second : DefaultTolerance(precision);
}

std::vector<JobSpec> ExpandMatrix(const CampaignConfig& config) {
  std::vector<JobSpec> specs;
  specs.reserve(config.models.size() * config.batches.size() * config.precisions.size() *
                config.backends.size());
  for (const ModelConfig& model : config.models) {
    const auto& batches = model.batches.empty() ? config.batches : model.batches;
    const auto& precisions = model.precisions.empty() ? config.precisions : model.precisions;
    for (int batch : batches) {
      for (Precision precision : precisions) {
        for (const BackendSpec& backend : config.backends) {
          specs.push_back(JobSpec{.model = model.name,
                                  .model_path = model.path,
                                  .overrides = model.inputs,
                                  .batch = batch,
                                  .precision = precision,
                                  .backend = backend.name});
        }
      }
    }
  }
  return specs;
}

}  // namespace campaign
