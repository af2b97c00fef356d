#include "converter/engine_cache.h"

#include "common/engine_format.h"
#include "common/file_util.h"
#include "common/sha256.h"
#include "converter/engine_metadata.h"
#include "converter/model_io.h"

namespace campaign {

std::string EngineCacheKey(std::string_view model_sha256, const InputOverrides& overrides,
                           int batch, Precision precision, std::string_view precision_options) {
  // One field per line, each labelled, so no two different tuples hash the
  // same text.
  Sha256 h;
  h.Update("campaign-engine\n");
  h.Update("converter_version=" + std::string(engine::kConverterVersion) + "\n");
  h.Update("model_sha256=" + std::string(model_sha256) + "\n");
  h.Update("overrides=" + OverridesToString(overrides) + "\n");
  h.Update("batch=" + std::to_string(batch) + "\n");
  h.Update("precision=" + std::string(PrecisionName(precision)) + "\n");
  // Only when set, so fp32 keys stay what they were.
  if (!precision_options.empty()) {
    h.Update("precision_options=" + std::string(precision_options) + "\n");
  }
  return h.HexDigest();
}

std::filesystem::path EngineCache::PathFor(const std::string& key) const {
  return dir_ / (key + ".onnx");
}

bool EngineCache::Contains(const std::string& key) const {
  Result<std::string> bytes = ReadFile(PathFor(key));
  if (!bytes.ok()) return false;
  Result<onnx::ModelProto> model = converter::ParseModel(*bytes, PathFor(key).string());
  if (!model.ok()) return false;
  return converter::GetMetadata(*model, engine::kKeyCacheKey) == key;
}

}  // namespace campaign
