// The int8 plan of a model: what calibration and the accuracy check measure
// on its batch-1 graph (activation ranges, the layers left in fp32). It does
// not depend on the engine's batch, so the conversions of one model at
// batch 1, 8 and 32 compute it once and share it through a file next to the
// engine cache (`<engines>/int8-plans/<key>.json`). Conversions that want
// the same plan at the same time wait for the first (a file lock), so a
// campaign's parallel convert workers calibrate each model once.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"
#include "converter/calibration.h"

namespace campaign::converter {

struct Int8Plan {
  ActivationRanges ranges;
  std::map<std::string, std::string> keep_fp32;  // layer output -> why (QuantizeInt8)
  std::string accuracy;                          // Int8Accuracy::ToString()
  int runs = 0;                                  // calibration: reference runs
  int samples = 0;                               // ... and samples
  double calibration_ms = 0;
};

// Reads a plan written by SaveInt8Plan; nullopt when the file is missing or
// unreadable (a corrupt plan is recomputed, with a warning).
std::optional<Int8Plan> LoadInt8Plan(const std::filesystem::path& path);

// Writes `plan` atomically (temporary file, then rename). kIoError.
Status SaveInt8Plan(const std::filesystem::path& path, const Int8Plan& plan);

// The plan at `path`: loaded when it exists and `usable` accepts it,
// otherwise computed by `compute` and saved (a failed save only warns).
// Holds `path`.lock meanwhile. `*hit` says which. An empty `path` always
// computes.
Result<Int8Plan> LoadOrComputeInt8Plan(const std::filesystem::path& path,
                                       const std::function<bool(const Int8Plan&)>& usable,
                                       const std::function<Result<Int8Plan>()>& compute, bool* hit);

}  // namespace campaign::converter
