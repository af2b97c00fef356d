// Pass "fold_shapes": constant folding interleaved with ONNX shape
// inference, before the static-shape check. ONNX's data propagation does not
// see through every shape computation torch exports (e.g. Expand's target
// shape built with Equal/Where/ConstantOfShape in vit_b_16), so some tensors
// stay without a shape after the first inference; folding those chains with
// the reference operators (fold_constants.h) and inferring again makes them
// static. Repeats until nothing more folds (at most kMaxFoldShapesRounds).
#pragma once

#include <onnx/onnx_pb.h>

#include "common/status.h"

namespace campaign::converter {

inline constexpr int kMaxFoldShapesRounds = 32;

// Returns the number of nodes folded. REQUIRES: Constant nodes already
// initializers (cleanup), shapes inferred once.
// Errors: those of FoldConstants and InferStaticShapes.
Result<int> FoldShapes(onnx::ModelProto& model);

}  // namespace campaign::converter
