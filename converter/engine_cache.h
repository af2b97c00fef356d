// Content-addressed cache of engines: one file per (converter version, model
// bytes, input overrides, batch, precision).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/input_overrides.h"
#include "common/precision.h"

namespace campaign {

// SHA-256 (hex) over the converter version (engine::kConverterVersion), the
// model file's SHA-256, OverridesToString(overrides), batch, precision and,
// when not empty, `precision_options` (int8: converter::CalibrationKey()).
// Any change to one of them gives a different key; nothing else does.
std::string EngineCacheKey(std::string_view model_sha256, const InputOverrides& overrides,
                           int batch, Precision precision, std::string_view precision_options = {});

// A directory of engines named <key>.onnx. Holds no state besides the path;
// safe to use from several threads and processes, because engines are written
// atomically (complete or absent) by Convert().
class EngineCache {
 public:
  explicit EngineCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& dir() const { return dir_; }

  // Where the engine for `key` lives (whether or not it exists): DIR/<key>.onnx.
  std::filesystem::path PathFor(const std::string& key) const;

  // True when PathFor(key) exists, parses as an ONNX model and its
  // campaign.cache_key metadata equals `key`. A truncated, corrupt or foreign
  // file is a miss (and will be overwritten by the next conversion).
  // Parses the whole file: costs about as much as reading it.
  bool Contains(const std::string& key) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace campaign
