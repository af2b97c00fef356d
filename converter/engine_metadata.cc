#include "converter/engine_metadata.h"

namespace campaign::converter {

void SetMetadata(onnx::ModelProto& model, std::string_view key, std::string_view value) {
  for (auto& kv : *model.mutable_metadata_props()) {
    if (kv.key() == key) {
      kv.set_value(std::string(value));
      return;
    }
  }
  auto* kv = model.add_metadata_props();
  kv->set_key(std::string(key));
  kv->set_value(std::string(value));
}

std::optional<std::string> GetMetadata(const onnx::ModelProto& model, std::string_view key) {
  for (const auto& kv : model.metadata_props()) {
    if (kv.key() == key) return kv.value();
  }
  return std::nullopt;
}

}  // namespace campaign::converter
