// `models:`: the first axis of the matrix, and the model files on disk.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign::config {

// Validates `models` (the `models:` field) and returns the models it lists, with
// paths made absolute against `base_dir` (the YAML file's directory, which
// must be absolute) and checked on disk. Each entry must be a mapping with
// `name` and `path` and optional `inputs`; names must be unique and match
// [A-Za-z0-9_.-]+. Problems are reported to `errors`; entries with problems
// are left out of the result.
std::vector<ModelConfig> ParseModels(const Field& models, const std::filesystem::path& base_dir,
                                     ErrorList& errors);

// Why `path` cannot be used as a model file (missing, a directory, not
// readable), as a sentence fragment; nullopt when it is a readable file.
// Does not look at the contents.
std::optional<std::string> ModelFileProblem(const std::filesystem::path& path);

}  // namespace campaign::config
