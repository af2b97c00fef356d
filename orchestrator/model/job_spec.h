// JobSpec: one cell of the campaign matrix (model x batch x precision x backend).
#pragma once

#include <filesystem>
#include <string>

#include "common/input_overrides.h"
#include "common/precision.h"

namespace campaign {

struct JobSpec {
  std::string model;                 // model name from the YAML (unique per campaign)
  std::filesystem::path model_path;  // absolute path of the .onnx file
  InputOverrides overrides;          // the model's input shape overrides
  int batch = 1;                     // > 0
  Precision precision = Precision::kFp32;
  std::string backend = "opencl";  // who measures it (orchestrator/backend_spec.h)
};

}  // namespace campaign
