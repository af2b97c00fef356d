// Checking an engine against the framework that exported its model.
//
// scripts/export_models.py stores, next to MODEL.onnx, MODEL.input.npy (a
// small batch drawn from a fixed seed) and MODEL.output.npy (PyTorch's own
// output for it). A job at any batch N runs the engine on the stored samples
// repeated along dim 0 (row i = stored row i mod stored batch) and compares
// with PyTorch's outputs repeated the same way: every engine is then checked
// against PyTorch, not only against our own reference operators. This holds
// for models whose batch rows are independent (no batch statistics), which
// is true of inference graphs.
#pragma once

#include <filesystem>

#include "common/run_result.h"
#include "common/status.h"
#include "graph/tensor.h"
#include "runner/executor.h"

namespace campaign::runner {

// `t` repeated along dim 0 up to `rows` rows: row i of the result is row
// i % t.shape()[0] of `t`. kInvalidArgument for a scalar or empty `t` or
// rows < 1. Pure.
Result<HostTensor> TileRows(const HostTensor& t, int64_t rows);

// Runs `executor` (REQUIRES: PrepareDevice() succeeded; one input and one
// output) on `input_npy` tiled to the engine's batch and compares with
// `output_npy` tiled the same way. kNotFound / kInvalidArgument when a file
// is missing or its dtype or non-batch dims do not match the engine (the
// message names the file and both shapes). The returned check has
// passed = norm_rel_error <= tolerance.
Result<FrameworkCheck> CheckAgainstStoredOutput(Executor& executor,
                                                const std::filesystem::path& input_npy,
                                                const std::filesystem::path& output_npy,
                                                double tolerance);

}  // namespace campaign::runner
