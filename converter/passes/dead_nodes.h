// Pass "dead_nodes": removes nodes none of whose outputs reaches a graph
// output (directly or through other nodes, subgraph reads included).
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of nodes removed. REQUIRES: topological node order.
int EliminateDeadNodes(onnx::GraphProto& graph);

}  // namespace campaign::converter
