// Passes "infer_shapes" and "verify_static": propagate the fixed input shapes
// through the graph and make sure nothing stays dynamic.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "common/status.h"

namespace campaign::converter {

// ONNX shape inference, strict (node errors are errors), type-checked, with
// data propagation so Shape->Gather->Reshape chains resolve to constants.
// Fills graph.value_info for intermediate tensors and the outputs' shapes.
// Returns a summary for the log. Errors: kConversionError with ONNX's message.
Result<std::string> InferStaticShapes(onnx::ModelProto& model);

// Every graph input (initializers aside) must have static dims: kDynamicShape
// naming the first dynamic one and the YAML override that fixes it.
Status CheckStaticInputs(const onnx::ModelProto& model);

// Every graph input, output and value_info tensor must have a shape whose
// dims are all known and > 0, and every node output must have a shape;
// except the outputs of ops with data-dependent output shapes (NonZero,
// Compress, Unique, NonMaxSuppression) and every tensor computed from them,
// which the runner plans for an upper bound (graph/plan.h).
// Errors: kDynamicShape naming the first offending tensor, the dim index and
// its symbolic name, and what the user can do about it.
Status VerifyStaticShapes(const onnx::ModelProto& model);

}  // namespace campaign::converter
