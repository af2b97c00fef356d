// The campaign YAML's `calibration:` section: the batches int8 engines are
// calibrated on (schema/campaign-yaml.md). Reports problems to `errors` and
// leaves CampaignConfig's defaults in place for absent keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign::config {

// `calibration: {batches: 8, seed: 1, data: [calib/a.npy, calib/b.npy]}`;
// `data` may also be one file name. Data paths are relative to `base_dir`
// (the YAML file's directory) and must be readable .npy files.
void ParseCalibration(const YAML::Node& root, const std::filesystem::path& base_dir,
                      CampaignConfig& cfg, ErrorList& errors);

}  // namespace campaign::config
