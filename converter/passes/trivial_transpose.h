// Pass "trivial_transpose": a Transpose that only moves dimensions of extent
// 1 (e.g. torch's [B, S, E] <-> [S, B, E] around nn.MultiheadAttention at
// batch 1) keeps the elements in order, so it becomes a Reshape to its
// output shape, which the runner executes as an alias (no kernel).
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of Transposes rewritten. REQUIRES: static shapes
// (value_info) for the Transposes' inputs.
int FoldTrivialTransposes(onnx::GraphProto& g);

}  // namespace campaign::converter
