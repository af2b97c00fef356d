// The graph that the sequence lowering (graph/sequences.h) writes, as it
// grows: the tensor nodes emitted so far over the model's initializers and
// tensor inputs, what they compute at build time (a constant value, a static
// shape: graph::Plan run on the slice of the graph that produces one tensor),
// and emitters for the few plain ops the lowering writes, in the model's
// opset (Split/Squeeze/Unsqueeze take attributes before opset 13, inputs
// from it).
//
// Internal to the lowering. Thread-compatible.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/plan.h"
#include "graph/tensor.h"

namespace campaign::graph::sequences_internal {

class SequenceGraph {
 public:
  // Reads `model`'s initializers, inputs and opset; `model` must outlive
  // this and keep them while it is used.
  explicit SequenceGraph(const onnx::ModelProto& model);

  const std::vector<onnx::NodeProto>& nodes() const { return nodes_; }
  std::vector<onnx::NodeProto> TakeNodes() { return std::move(nodes_); }
  void Add(onnx::NodeProto node);

  // Default-domain opset the model imports.
  int64_t opset() const { return opset_; }

  // The value of tensor `name` when the build can compute it: an
  // initializer, a Constant, or nodes over those. kUnsupportedOp whose
  // message names `what` and says it must be a constant when it depends on a
  // graph input; the Plan's error (kDynamicShape, kUnsupportedOp, ...) with
  // context when its slice does not build.
  Result<HostTensor> ConstantValue(const std::string& name, const std::string& what) const;
  // Element type and static shape of tensor `name`; errors as ConstantValue.
  Result<TensorSpec> Spec(const std::string& name, const std::string& what) const;

  // A tensor name not used anywhere in the model so far, from `base`.
  std::string FreshName(const std::string& base);

  // Emitters: each adds one node (plus Constant nodes for its int64 inputs).
  void EmitConstant(const std::string& out, const onnx::TensorProto& value);
  void EmitIdentity(const std::string& in, const std::string& out);
  // Split `x` along `axis` into pieces of `sizes`.
  void EmitSplit(const std::string& x, int64_t axis, const std::vector<int64_t>& sizes,
                 const std::vector<std::string>& outs);
  void EmitSqueeze(const std::string& x, int64_t axis, const std::string& out);
  void EmitUnsqueeze(const std::string& x, int64_t axis, const std::string& out);
  void EmitConcat(const std::vector<std::string>& ins, int64_t axis, const std::string& out);

 private:
  // A model computing `name` from the emitted nodes it needs, into *slice.
  void Slice(const std::string& name, onnx::ModelProto* slice) const;
  // A Constant node holding `values` (1-D int64); returns its output.
  std::string Int64s(const std::string& base, const std::vector<int64_t>& values);
  void EmitAxisOp(const std::string& op, const std::string& x, int64_t axis,
                  const std::string& out);

  const onnx::ModelProto& model_;
  int64_t opset_ = 0;
  std::vector<onnx::NodeProto> nodes_;
  std::set<std::string> used_names_;
};

// `value` as a TensorProto (dims, data_type, raw_data).
onnx::TensorProto TensorToProto(const HostTensor& value);
// Names every node and subgraph of `g` reads or writes (recursively).
void CollectNames(const onnx::GraphProto& g, std::set<std::string>* names);
// Names the node reads, including the outer-scope names its subgraphs read.
std::vector<std::string> NodeReads(const onnx::NodeProto& n);

}  // namespace campaign::graph::sequences_internal
