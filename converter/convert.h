// Convert(): one ONNX model -> one fixed-shape engine for one job.
//
// The engine is an ONNX file whose every tensor has a static shape, with
// campaign.* metadata (schema/engine-format.md). Passes, in order:
//   load, check, opset, fix_shapes, sequences (graph/sequences.h),
//   infer_shapes, cleanup, fold_shapes,
//   verify_static, simplify (converter/passes/simplify.h), supported_ops
//   (when a list is given), precision (int8: calibration on a batch-1 copy
//   simplified the same way, converter/int8_pass.h), write.
// Each logs (spdlog, info) its node counts before/after and what it changed.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "common/input_overrides.h"
#include "common/precision.h"
#include "common/status.h"
#include "converter/calibration.h"
#include "converter/convert_report.h"
#include "converter/engine_cache.h"

namespace campaign {

struct ConvertRequest {
  std::filesystem::path model_path;  // source .onnx (external data next to it)
  int batch = 1;                     // >= 1; replaces dim 0 / "N" of every input
  Precision precision = Precision::kFp32;
  InputOverrides overrides;                  // full shapes for named inputs
  std::set<std::string> supported_ops;       // op types the runner executes; empty = skip the check
  std::filesystem::path output_path;         // engine file to write (atomically)
  converter::CalibrationConfig calibration;  // int8 only; part of the cache key
  // int8: where the model's int8 plan (converter/int8_plan_cache.h) is shared
  // between its batch sizes; empty: calibrate in this conversion.
  std::filesystem::path int8_plan_dir;
};

// Runs the passes and writes req.output_path; on failure nothing is written.
// Errors (Reason): kInvalidArgument (bad batch or override), kNotFound
// (model missing), kIoError, kInvalidModel (not ONNX / fails the checker /
// missing external data), kConversionError (shape inference), kDynamicShape,
// kUnsupportedOp, kUnsupportedPrecision; int8: kInvalidArgument/kNotFound
// for calibration data that is missing or does not fit the model. Messages name the file, tensor or
// operator and say what to do.
// Thread-safe; concurrent calls must write different output paths.
Result<ConvertReport> Convert(const ConvertRequest& req);

}  // namespace campaign
