// `inputs:` of one model: input name -> full shape, with N for the job's batch.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>

#include "common/input_overrides.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign::config {

// Validates `inputs` (a model's `inputs:` field) and returns the
// overrides it describes. `where` names the key in messages, e.g.
// "model 'resnet50' inputs". A null node (empty `inputs:`) means no overrides.
// Each shape must be a non-empty list whose entries are N or integers > 0.
// Problems are reported to `errors`; the entries with problems are left out
// of the result.
InputOverrides ParseInputOverrides(const Field& inputs, std::string_view where, ErrorList& errors);

}  // namespace campaign::config
