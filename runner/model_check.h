// Checking an exported model against PyTorch: the model is fixed to the
// batch of a stored input (MODEL.input.npy), run on the device and compared
// with PyTorch's stored output (MODEL.output.npy). scripts/export_models.py
// writes all three files.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>

#include "common/status.h"
#include "graph/tensor.h"
#include "runner/cl/runtime.h"

namespace campaign::runner {

// Makes every graph input static: dim 0 becomes `batch`, other symbolic dims
// are an error (kDynamicShape). Drops value_info and the output shapes so the
// executor infers them (what the converter's fix_shapes pass does).
Status FixBatch(onnx::ModelProto* model, int64_t batch);

struct ModelCheck {
  std::string model;  // file stem, e.g. "resnet50"
  graph::Shape input_shape, output_shape;
  double norm_rel_error = 0;  // ||device - pytorch|| / ||pytorch||
  double max_abs_error = 0;
  double reference_norm_rel_error = -1;  // reference ops vs PyTorch (-1: not run)
  double load_ms = 0, run_ms = 0;
  size_t peak_device_bytes = 0;
};

// Runs `dir`/NAME.onnx at the batch of NAME.input.npy on `rt` and compares
// with NAME.output.npy. With `with_reference` the CPU reference runs too
// (slow for large models). kNotFound when a file is missing.
Result<ModelCheck> CheckModel(const std::filesystem::path& dir, const std::string& name,
                              cl::Runtime& rt, bool with_reference);

// Runs `dir`/NAME.onnx fixed to `batch` on `rt` with random inputs
// (Executor::MakeRandomInputs; token ids below 100) and checks that every
// output is finite; with `with_reference` also compares with the CPU
// reference (norm_rel_error; otherwise -1). input_shape/output_shape,
// load_ms, run_ms and peak_device_bytes are filled.
Result<ModelCheck> RunModelAtBatch(const std::filesystem::path& dir, const std::string& name,
                                   int64_t batch, cl::Runtime& rt, bool with_reference);

}  // namespace campaign::runner
