// The node-by-node rewrite behind graph::LowerSequences (graph/sequences.h):
// walks the nodes in order, tracks what each sequence or optional value holds
// (names of tensors), and emits plain tensor nodes into a SequenceGraph.
//
// Internal to the lowering. Thread-compatible.
#pragma once

#include <onnx/onnx_pb.h>

#include <deque>
#include <map>
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
};

// The operator types the lowering rewrites (Identity only on a sequence or
// optional).
bool IsSequenceOpType(const std::string& op_type);

class Lowering {
 public:
  // `model` must hold no sequence/optional graph inputs (see
  // ExpandSequenceInputs) and outlive this.
  explicit Lowering(onnx::ModelProto* model);
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

  onnx::ModelProto* model_;
  SequenceGraph g_;
  std::map<std::string, SeqValue> values_;
  std::deque<onnx::NodeProto> work_;  // nodes still to lower, in order
};

}  // namespace campaign::graph::sequences_internal
