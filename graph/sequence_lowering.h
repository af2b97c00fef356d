// The node-by-node rewrite behind graph::LowerSequences (graph/sequences.h):
// walks the nodes in order, tracks what each sequence or optional value holds
// (names of tensors), and emits plain tensor nodes into a SequenceGraph.
//
// Internal to the lowering. Thread-compatible.
#pragma once

#include <onnx/onnx_pb.h>

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/sequence_graph.h"

namespace campaign::graph::sequences_internal {

// What a sequence- or optional-typed name stands for.
struct SeqValue {
  enum class Kind { kSequence, kTensor, kAbsent };
  Kind kind = Kind::kSequence;
  bool optional = false;           // an optional (of kind's value, or empty)
  std::vector<std::string> elems;  // kSequence: the elements; kTensor: the one tensor
  int32_t elem_type = 0;           // ONNX element type when known (for an empty sequence)
};

// The operator types the lowering rewrites (Identity only on a sequence or
// optional).
bool IsSequenceOpType(const std::string& op_type);

class Lowering {
 public:
  // `model` must hold no sequence/optional graph inputs (see
  // ExpandSequenceInputs) and outlive this. With `keep_unlowered`, nodes
  // that cannot be lowered are kept (LowerOptions).
  Lowering(onnx::ModelProto* model, bool keep_unlowered);
  // Rewrites the nodes and the outputs of the model.
  Status Run();

 private:
  Status Lower(const onnx::NodeProto& n);
  Status LowerOutputs();

  // Handlers, one per operator (sequence_ops.cc).
  Status SequenceEmpty(const onnx::NodeProto& n);
  Status SequenceConstruct(const onnx::NodeProto& n);
  Status SequenceInsert(const onnx::NodeProto& n);
  Status SequenceErase(const onnx::NodeProto& n);
  Status SequenceAt(const onnx::NodeProto& n);
  Status SequenceLength(const onnx::NodeProto& n);
  Status SplitToSequence(const onnx::NodeProto& n);
  Status ConcatFromSequence(const onnx::NodeProto& n);
  Status SequenceMap(const onnx::NodeProto& n);
  Status Optional(const onnx::NodeProto& n);
  Status OptionalHasElement(const onnx::NodeProto& n);
  Status OptionalGetElement(const onnx::NodeProto& n);
  Status Identity(const onnx::NodeProto& n);

  // Input `i` of `n` as a sequence; kUnsupportedOp when it is not one the
  // lowering built.
  Result<const SeqValue*> SequenceInput(const onnx::NodeProto& n, int i) const;
  // Constant scalar input `i` of `n` as a position in a sequence of `len`
  // elements, normalized to [0, len) (or [0, len] with `inclusive_end`).
  Result<int64_t> Position(const onnx::NodeProto& n, int i, int64_t len, bool inclusive_end) const;
  // The node itself, for a plain tensor node: kUnsupportedOp when it reads a
  // sequence or optional value (If, Loop, ... over sequences).
  Status CopyTensorNode(const onnx::NodeProto& n);
  // keep_unlowered: emits the nodes that rebuild tracked value `name` (once)
  // for `reader`, a node kept as it is.
  Status Materialize(const std::string& name, const onnx::NodeProto& reader);

  onnx::ModelProto* model_;
  bool keep_unlowered_;
  SequenceGraph g_;
  std::map<std::string, SeqValue> values_;
  std::deque<onnx::NodeProto> work_;    // nodes still to lower, in order
  std::set<std::string> materialized_;  // tracked values rebuilt for kept nodes
};

}  // namespace campaign::graph::sequences_internal
