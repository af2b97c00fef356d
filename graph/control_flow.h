// Static lowering of ONNX control flow (If, Loop, Scan) into plain tensor
// ops, for a fixed-shape engine: like TensorRT's shape tensors, conditions
// and trip counts are build-time values.
//
// - If: a constant condition (initializer, Constant, or a subexpression of
//   them) inlines the chosen branch; otherwise both branches are inlined and
//   each output is Where(cond, then, else), provided both branches give the
//   same dtype and static shape.
// - Loop: a constant trip count M and a condition that cannot end the loop
//   early (the cond input absent or constant; the body's cond output a
//   pass-through of its cond input, or a constant once the iteration is
//   inlined) unroll into M copies of the body; scan outputs are stacked
//   (Unsqueeze + Concat on axis 0).
// - Scan (opset 8's batched form and 9+): unrolled over the static scan
//   axis, one Gather per step and input, honouring the input/output axes and
//   directions; scan outputs stacked.
// Bodies may read outer-scope values; nested control flow is lowered too.
// At most control_flow::kMaxInlinedNodes subgraph nodes are inlined.
#pragma once

#include <onnx/onnx_pb.h>

#include "common/status.h"

namespace campaign::graph {

// Rewrites `model`'s main graph so that it holds no If, Loop or Scan.
// Constant subexpressions are evaluated with graph::Plan on the reference;
// shapes come from the graph inputs' declared (static) shapes. A model
// without control flow is left untouched. On error `model` is unchanged:
// kUnsupportedOp naming the node and why it has no static form (a trip
// count or condition that is not a constant says "constant"), kDynamicShape
// when a shape it needs depends on a non-static graph input, kInvalidModel
// for malformed nodes.
Status LowerControlFlow(onnx::ModelProto* model);

// Whether `model`'s main graph has an If, Loop or Scan node.
bool HasControlFlow(const onnx::ModelProto& model);

}  // namespace campaign::graph
