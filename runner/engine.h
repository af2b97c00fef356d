// Loading an engine file: an ONNX model with static shapes (see
// common/engine_format.h), or any plain ONNX model whose shapes are static.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>

#include "common/precision.h"
#include "common/status.h"

namespace campaign::runner {

struct Engine {
  onnx::ModelProto model;                  // value_info completed by shape inference if needed
  int batch = 0;                           // campaign.batch, else the first input's first dim
  Precision precision = Precision::kFp32;  // campaign.precision, fp32 when absent
};

// Reads and parses `path`. kNotFound / kIoError for file problems,
// kInvalidModel when it is not an ONNX model, kUnsupportedPrecision when the
// engine's precision is not fp32, fp16 or int8 (QDQ, computed in fp32).
Result<Engine> LoadEngine(const std::filesystem::path& path);

// Same, from serialized bytes (`what` names the source in messages).
Result<Engine> ParseEngine(const std::string& bytes, const std::string& what);

}  // namespace campaign::runner
