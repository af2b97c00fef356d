// Reading and writing ONNX ModelProto files.
//
// The converter's only contact with the file system for models. Loading makes
// the model self-contained: tensors stored as external data are read from
// their side files and inlined, so the engine written later is one file.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "common/status.h"

namespace campaign::converter {

// A parsed model and the SHA-256 of the file's bytes (the cache identity).
struct LoadedModel {
  onnx::ModelProto model;  // external data already inlined
  std::string sha256;      // lower-case hex of the .onnx file's bytes
};

// Reads and parses `path`, then inlines external data (resolved relative to
// the model's directory).
// Errors: kNotFound when `path` does not exist; kIoError when it cannot be
// read; kInvalidModel when it is empty, not a ModelProto, has no graph, or
// names an external data file that is missing or too short.
Result<LoadedModel> LoadModel(const std::filesystem::path& path);

// Parses `bytes` as a ModelProto without touching the file system.
// `what` names the source in messages (usually the path).
// Errors: kInvalidModel as for LoadModel.
Result<onnx::ModelProto> ParseModel(std::string_view bytes, const std::string& what);

// Serializes `model`. kConversionError when protobuf refuses (e.g. > 2 GiB).
Result<std::string> SerializeModel(const onnx::ModelProto& model);

}  // namespace campaign::converter
