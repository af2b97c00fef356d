// The campaign YAML's `validation:` section, at the top level and in a model
// entry: the bound on the norm-relative error of each precision's engine
// (schema/campaign-yaml.md). Reports problems to `errors`; absent keys keep
// the defaults (DefaultTolerance).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign::config {

// `validation: {tolerance: {fp16: 2e-2, int8: 0.1}}` in `parent` (the
// document root, or a model entry named `where`, e.g. "model 'resnet50'").
// Each tolerance is a number > 0 and <= 1; keys are precision names.
void ParseValidation(const YAML::Node& parent, const std::string& where, ValidationConfig& out,
                     ErrorList& errors);

}  // namespace campaign::config
