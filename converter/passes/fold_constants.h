// Pass "fold_constants": evaluates, once, every node whose value does not
// depend on the graph inputs, with the runner's reference operators
// (runner/ops, CPU only), and replaces it by an initializer.
//
// A node is folded when all its inputs are initializers (or outputs of nodes
// folded before it), or when it is Shape/Size of a tensor with a static
// shape. That turns the Shape -> Gather -> Unsqueeze -> Concat -> Reshape
// chains of torch exports into constants once the shapes are fixed. Shapes
// come from value_info, else from the runner's own shape computation
// (Op::Infer) of the nodes before, so one pass also folds chains that ONNX
// shape inference could not see through.
// Not folded: nodes producing a graph output, nodes with subgraphs, ops the
// runner does not execute, and any node with an output larger than
// `max_bytes` (so that folding never bloats the engine with, e.g., a
// broadcast Expand).
#pragma once

#include <onnx/onnx_pb.h>

#include <cstddef>

#include "common/status.h"

namespace campaign::converter {

// Default size cap of one folded tensor: 64 MiB.
inline constexpr size_t kDefaultFoldMaxBytes = size_t{64} << 20;

// Returns the number of nodes folded. REQUIRES: nodes in topological order
// (the ONNX checker guarantees it) and value_info from shape inference.
// Errors: none expected; a reference op failing on its constant inputs is
// kInvalidModel naming the node.
Result<int> FoldConstants(onnx::GraphProto& graph, size_t max_bytes = kDefaultFoldMaxBytes);

}  // namespace campaign::converter
