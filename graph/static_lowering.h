// Control flow and sequences lowered together: If/Loop/Scan unrolled
// (graph/control_flow.h) and sequences/optionals turned into plain tensors
// (graph/sequences.h), alternately, because each can need the other first:
// a Loop whose trip count is SequenceLength(x) unrolls only once the
// sequence is lowered, and a sequence built inside a Loop lowers only once
// the Loop is unrolled. The converter's "control_flow" pass and the
// conformance runner both call this.
#pragma once

#include <onnx/onnx_pb.h>

#include "common/status.h"
#include "graph/sequences.h"

namespace campaign::graph {

// True when `model` has If/Loop/Scan or sequence/optional values.
bool HasControlFlowOrSequences(const onnx::ModelProto& model);

// Lowers both until neither changes the model: control flow first; when it
// refuses, the sequences it can lower (keep_unlowered) and again, at most
// kMaxLoweringRounds times; the sequences last, strictly. Errors: the
// first refusal of either (kUnsupportedOp naming the node), when the other
// cannot make progress on it.
inline constexpr int kMaxLoweringRounds = 16;
Status LowerControlFlowAndSequences(onnx::ModelProto* model,
                                    const SequenceShapes& known_inputs = {});

}  // namespace campaign::graph
