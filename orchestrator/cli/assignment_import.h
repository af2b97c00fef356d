// Importing the seeds' assignment.csv: one row per model with comma-separated
// batch sizes and precisions, e.g.
//   Tasks,batch_size,precision
//   resnet50,"1,8,16","FP32,FP16"
// becomes a campaign YAML (schema/campaign-yaml.md). Header names are matched
// case-insensitively: Tasks|model|name, batch_size|batch|batches,
// precision|precisions. Pure: text in, text out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace campaign {

struct ImportOptions {
  std::string name;                   // campaign name
  std::string models_dir = "models";  // model paths: <models_dir>/<model>.onnx
};

// kInvalidConfig naming the row and column for anything it cannot use.
Result<std::string> AssignmentCsvToYaml(std::string_view csv, const ImportOptions& options);

}  // namespace campaign
