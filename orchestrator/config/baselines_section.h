// `baselines:`: what `campaign compare` / `campaign report` compare the
// campaign with when no --baseline is given (schema/campaign-yaml.md).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <vector>

#include "orchestrator/config/yaml_fields.h"
#include "orchestrator/model/baseline_spec.h"

namespace campaign::config {

// Validates the `baselines` field: a list whose entries are a SOURCE scalar
// or a mapping {source, name, target_ratio, conditions: {transfers,
// cuda_graph, clocks, software, notes, device}, model, batch, precision}.
// SOURCE is a file (relative to `base_dir`), "campaign:previous|ID|NAME" or
// "backend:NAME". A file must exist and parse as a baseline (CSV, YAML or
// trtexec log): its contents are kept in the spec. Problems go to `errors`;
// entries with problems are left out.
std::vector<BaselineSpec> ParseBaselines(const Field& baselines,
                                         const std::filesystem::path& base_dir, ErrorList& errors);

}  // namespace campaign::config
