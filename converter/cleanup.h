// Pass "cleanup": removes nodes that do nothing at inference time and turns
// constants into initializers, so the runner sees fewer, simpler nodes.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace campaign::converter {

struct CleanupCounts {
  int identity_removed = 0;           // Identity nodes bypassed
  int dropout_removed = 0;            // Dropout nodes bypassed (inference: y = x)
  int constants_to_initializers = 0;  // Constant nodes now initializers
  int initializers_dropped = 0;       // initializers no node or output used
  int value_info_dropped = 0;         // value_info of tensors that no longer exist

  std::string ToString() const;
};

// Runs all the steps below, in this order, on the main graph.
CleanupCounts Cleanup(onnx::ModelProto& model);

// Bypasses Identity and Dropout nodes: consumers read the node's input
// instead. When the node's output is a graph output, its producer is renamed
// to write the graph output directly; a node that cannot be bypassed that way
// (its input is a graph input, an initializer or another graph output; or a
// Dropout whose mask output is used) is kept.
void RemovePassThroughNodes(onnx::GraphProto& graph, CleanupCounts* counts);

// Constant nodes (value / value_float(s) / value_int(s)) become initializers
// of the same name. Skipped for IR version < 4, where every initializer would
// also have to be a graph input.
void ConstantsToInitializers(onnx::ModelProto& model, CleanupCounts* counts);

// Removes initializers (and their graph-input entries, IR < 4) that no node,
// subgraph or graph output reads, and value_info of tensors nothing produces.
void DropUnused(onnx::GraphProto& graph, CleanupCounts* counts);

}  // namespace campaign::converter
