// Semantics of old opsets that no version adapter carries over, applied to a
// model as it is loaded (the converter's opset pass, the conformance runner).
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>

namespace campaign::graph {

// Default-domain opset of `model` (ai.onnx or ""), or -1 when none is imported.
int64_t DefaultOpset(const onnx::ModelProto& model);

// PRelu before opset 7 applies a 1-D slope of C values per channel (axis 1);
// from opset 7 the slope broadcasts like numpy (from the last axis). ONNX's
// version converter keeps the slope as it is, so an old model's [C] slope
// against [N, C, ...] would broadcast against the wrong axis (or not at
// all). Such a slope initializer is reshaped to [C, 1, ..., 1], which means
// the same under both rules. Opsets 7-8 keep numpy broadcasting unless it
// cannot apply and the old channel rule does (exporters of that era wrote
// per-channel slopes). X's shape comes from the graph's inputs, value_info
// or outputs. Does nothing from opset 9. Returns the number of slopes
// reshaped.
int ReshapeOldPReluSlopes(onnx::ModelProto& model);

}  // namespace campaign::graph
