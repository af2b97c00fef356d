// The campaign YAML's `measure:` section: warm-up, stop rules, transfers,
// noise gate, profiling run (schema/campaign-yaml.md, docs/measurement.md).
// Reports problems to `errors` and leaves CampaignConfig's defaults in place
// for absent keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign::config {

// `measure: {warmup: 100, warmup_time: 0, iterations: 20}` and the other
// keys of MeasureConfig.
void ParseMeasure(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors);

// Milliseconds for "200ms", "0.5s", "3s", "1m" or a plain number of seconds;
// nullopt for anything else or a negative value.
std::optional<double> ParseMilliseconds(std::string_view text);

}  // namespace campaign::config
