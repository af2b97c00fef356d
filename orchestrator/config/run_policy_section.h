// The campaign YAML's run policy: `timeout:`, `device:` / `devices:` and
// `retries:`. Each reports problems to `errors` and leaves the defaults of
// CampaignConfig in place for absent keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign::config {

// `timeout: 10m` (both stages) or `timeout: {convert: 2m, run: 10m}`.
void ParseTimeouts(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors);

// `device: gpu` (one selector) or `devices: all` / `devices: [0, "1:0"]`.
void ParseDevices(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors);

// `retries: {crash: 2, timeout: 1}`; replaces the defaults when present.
void ParseRetries(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors);

}  // namespace campaign::config
