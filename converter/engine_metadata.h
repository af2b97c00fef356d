// Reading and writing the engine's metadata_props (keys in
// common/engine_format.h).
#pragma once

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <string_view>

namespace campaign::converter {

// Sets `key` to `value`, replacing an existing entry with that key.
void SetMetadata(onnx::ModelProto& model, std::string_view key, std::string_view value);

// The value of `key`, or nullopt when absent.
std::optional<std::string> GetMetadata(const onnx::ModelProto& model, std::string_view key);

}  // namespace campaign::converter
