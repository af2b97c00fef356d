// The machinery behind LowerControlFlow (graph/control_flow.h): rebuilds a
// main graph node by node, inlining subgraphs with fresh names, and answers
// the build-time questions the rewrites ask (is this value a constant, what
// static shape does that one have) by running graph::Plan on the part of the
// graph built so far. The per-operator rewrites (control_flow_ops.cc) use it.
//
// Internal to graph/control_flow*.cc. Not thread-safe; one per lowering.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/op.h"
#include "graph/tensor.h"

namespace campaign::graph::control_flow {

// Most subgraph nodes one lowering may inline (all loops, iterations and
// branches together): a bound on the engine that unrolling may produce.
inline constexpr int64_t kMaxInlinedNodes = 4096;

class Lowerer {
 public:
  // `model` must outlive the lowerer; Run() rewrites its main graph.
  explicit Lowerer(onnx::ModelProto* model);

  // Rewrites the main graph's nodes so that no If, Loop or Scan is left
  // (nested ones included). On error the node list is left unchanged, but
  // initializers may have been added (callers lower a copy).
  Status Run();

  // Appends `node` to the rewritten graph, lowering it first when it is a
  // default-domain If, Loop or Scan.
  Status Emit(onnx::NodeProto node);

  // Emits the nodes of `body` with every name it defines renamed fresh
  // (`tag` marks them), its inputs bound as `bind` says (body input -> outer
  // name) and outer-scope reads left as they are. Its initializers become
  // main-graph initializers. Returns the outer names of the body's outputs.
  // kUnsupportedOp when the inlining budget (kMaxInlinedNodes) runs out.
  Result<std::vector<std::string>> Inline(const onnx::GraphProto& body,
                                          const std::map<std::string, std::string>& bind,
                                          const std::string& tag, const onnx::NodeProto& owner);

  // The value of `name` when it depends on initializers and Constant nodes
  // only (computed on the reference), else nullopt. REQUIRES: `name` is
  // defined by the graph emitted so far (or is an input/initializer).
  std::optional<HostTensor> ConstantValue(const std::string& name);

  // Dtype and static shape of each of `names` (values of the graph emitted
  // so far), inferred by graph::Plan from the graph inputs' declared shapes.
  // kDynamicShape when a graph input they depend on is not static.
  Result<std::vector<TensorInfo>> Infos(const std::vector<std::string>& names);

  // A name used nowhere in the model, from `base`.
  std::string Fresh(const std::string& base);
  // The name of an initializer holding `value` (one per value).
  std::string Int64Scalar(int64_t value);
  std::string BoolTrue();
  // Adds `value` as an initializer named Fresh(base); returns the name.
  std::string AddInitializer(const std::string& base, const HostTensor& value);

  // A node `op_type`(inputs) -> outputs with a fresh name, for Emit.
  onnx::NodeProto MakeNode(const std::string& op_type, const std::vector<std::string>& inputs,
                           const std::vector<std::string>& outputs);
  // Emits Unsqueeze(x, [axis]) in the model's opset form into `out` (fresh
  // when empty); returns the output's name.
  std::string Unsqueeze(const std::string& x, int64_t axis, std::string out = "");
  // Emits Gather(x, index, axis) with a scalar index (drops `axis`).
  std::string Take(const std::string& x, int64_t index, int64_t axis);
  // Emits `out` = `values` stacked along a new axis `axis` (Unsqueeze +
  // Concat; one value: Unsqueeze only).
  void Stack(const std::vector<std::string>& values, int64_t axis, const std::string& out);

  int64_t opset() const { return opset_; }
  int64_t inlined_nodes() const { return inlined_; }

 private:
  // Indices into out_ of the nodes `names` depend on, in order; false when a
  // non-initializer graph input is among their sources.
  bool Ancestors(const std::vector<std::string>& names, std::vector<size_t>* nodes,
                 std::set<std::string>* inits, std::set<std::string>* inputs) const;
  // A model of those nodes with `names` as outputs.
  onnx::ModelProto Extract(const std::vector<std::string>& names, bool* only_constants) const;

  onnx::ModelProto* model_;
  int64_t opset_ = -1;
  std::vector<onnx::NodeProto> out_;
  std::map<std::string, size_t> producer_;       // value name -> index in out_
  std::map<std::string, int> initializers_;      // name -> index in model initializers
  std::set<std::string> graph_inputs_;           // fed inputs (not initializers)
  std::set<std::string> used_;                   // every name in the model
  std::vector<std::string> added_initializers_;  // by the lowering, in order
  std::map<int64_t, std::string> int64_scalars_;
  std::string bool_true_;
  int64_t inlined_ = 0;
  int counter_ = 0;
};

// The per-operator rewrites: each emits plain nodes that compute `node`'s
// outputs under their names, or returns kUnsupportedOp naming the node and
// why it cannot be lowered statically.
Status LowerIf(Lowerer& l, const onnx::NodeProto& node);
Status LowerLoop(Lowerer& l, const onnx::NodeProto& node);
Status LowerScan(Lowerer& l, const onnx::NodeProto& node);

}  // namespace campaign::graph::control_flow
