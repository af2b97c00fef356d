// Pass "fix_shapes": gives every graph input the job's static shape.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "common/input_overrides.h"
#include "common/status.h"

namespace campaign::converter {

// For every graph input that is not an initializer:
//  - with an override: the shape becomes the override, "N" replaced by
//    `batch`; the override must have the input's rank;
//  - without one: dim 0 becomes `batch` (a fixed dim 0 other than `batch` is
//    replaced too, with a warning: models are usually exported at batch 1).
// Then clears graph.value_info and the graph outputs' shapes so that shape
// inference recomputes them for the new input shapes.
// Returns a one-line summary of what changed, for the log.
// Errors: kInvalidArgument for an override whose rank differs from the
// input's, or that names no graph input (the message lists the real ones).
// REQUIRES: batch >= 1.
Result<std::string> FixInputShapes(onnx::ModelProto& model, int batch,
                                   const InputOverrides& overrides);

// The checks of FixInputShapes on the overrides alone, without changing the
// model: every override names a graph input (not an initializer) and, where
// the model gives the input a shape, has its rank. Used at plan time so that
// a bad `inputs:` entry is refused before any job runs.
Status CheckInputOverrides(const onnx::ModelProto& model, const InputOverrides& overrides);

// "[N,3,224,224]"-style text of a tensor type's shape; symbolic dims by
// name, unknown ones as "?". For messages.
std::string ShapeToString(const onnx::TypeProto& type);

}  // namespace campaign::converter
