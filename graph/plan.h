// Plan: a model turned into ops over static shapes, in topological order,
// with constant nodes folded and every tensor's dtype and shape inferred.
// Runs the whole graph on the reference ops; the runner's executor
// (runner/executor.h) places the same plan on an OpenCL device.
//
// Device-free: the converter folds, calibrates and checks accuracy with it.
// Thread-compatible.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/op.h"
#include "graph/tensor.h"
#include "graph/tensor_pool.h"

namespace campaign::graph {

// A graph input or output.
struct TensorSpec {
  std::string name;
  DType dtype = DType::kFloat32;
  Shape shape;
};

// Where a reference run's wall time went, summed over the runs it was
// passed to.
struct ReferenceProfile {
  std::map<std::string, double> op_ms;  // op type -> ms in its RunReference
  std::map<std::string, int> op_nodes;  // op type -> nodes run
  double alloc_ms = 0;                  // taking node outputs (zero-filled), releasing dead ones
  double output_ms = 0;                 // handing the graph outputs back
};

// What makes a plan's ops: the reference classes (ReferenceOpMaker), or the
// runner's device classes, which derive from them.
class OpMaker {
 public:
  virtual ~OpMaker() = default;
  // An op for `node`; kUnsupportedOp when its type is not supported.
  virtual Result<std::unique_ptr<Op>> Create(const onnx::NodeProto& node) const = 0;
  // Wraps an op that reads float16 tensors (graph/ops/half_adapter.h).
  virtual std::unique_ptr<Op> WrapHalf(std::unique_ptr<Op> inner, std::string label) const = 0;
};

// graph::ReferenceOps() and the reference half adapter.
const OpMaker& ReferenceOpMaker();

class Plan {
 public:
  struct Tensor {
    std::string name;
    TensorInfo info;
    bool inferred = false;  // dtype/shape known
    std::unique_ptr<HostTensor> constant;
    int alias_of = -1;  // shares its storage with this tensor (AliasesInput ops)
  };
  struct Node {
    const onnx::NodeProto* proto = nullptr;
    std::unique_ptr<Op> op;
    std::vector<int> in, out;  // tensor ids; -1 for omitted optionals
    bool folded = false;       // computed at load; removed from the plan
  };

  // Builds the plan: topological order, ops from `maker`, inferred shapes
  // (checked against value_info), constant nodes folded. kUnsupportedOp
  // naming ALL unsupported op types, kDynamicShape for non-static inputs,
  // kInvalidModel for broken graphs. `model` must outlive the plan.
  static Result<std::unique_ptr<Plan>> Create(const onnx::ModelProto& model,
                                              const OpMaker& maker = ReferenceOpMaker());
  ~Plan();

  const std::vector<TensorSpec>& inputs() const { return inputs_; }
  const std::vector<TensorSpec>& outputs() const { return outputs_; }
  // Nodes left after folding.
  size_t num_nodes() const { return nodes_.size(); }
  // Bytes of all initializers and folded constants.
  size_t weight_bytes() const;
  // Nodes that read float16 tensors and run through the half adapter
  // (float32 compute from half storage; graph/ops/half_adapter.h),
  // constant-folded ones included. 0 for an fp32 engine.
  int half_adapted_nodes() const { return half_adapted_nodes_; }

  // Random inputs from std::mt19937(seed): float uniform in [-1, 1), int64
  // and int32 uniform in [0, 100), bool 0/1.
  std::vector<HostTensor> MakeRandomInputs(uint32_t seed) const;

  // kInternal unless `inputs` match inputs() in order, dtype and shape.
  Status CheckInputsMatch(const std::vector<HostTensor>& inputs) const;

  // Runs the whole graph with the reference ops. REQUIRES: inputs match
  // inputs() in order, dtype and shape. With `profile`, adds each node's
  // wall time to it (by op type).
  //
  // Each intermediate tensor is released after its last reader, into a pool
  // that later nodes (and later runs) take their outputs from; the plan
  // keeps that pool (at most the run's peak activations) until destroyed.
  // The graph outputs are moved out, not copied.
  Result<std::vector<HostTensor>> RunReference(const std::vector<HostTensor>& inputs,
                                               ReferenceProfile* profile = nullptr);

  // The plan itself, for a backend that places it on a device.
  const std::vector<Tensor>& tensors() const { return tensors_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<int>& input_ids() const { return input_ids_; }
  const std::vector<int>& output_ids() const { return output_ids_; }

 private:
  Plan();
  Status BuildTensors(const onnx::GraphProto& g);
  Status BuildNodes(const onnx::GraphProto& g, const OpMaker& maker);
  Status InferShapes(const onnx::GraphProto& g, const OpMaker& maker);
  Status TryFold(Node& n, const std::vector<TensorInfo>& in, std::vector<TensorInfo>* out);
  // Fills reference_frees_ (once).
  void PlanReferenceFrees();

  std::vector<Tensor> tensors_;
  std::vector<Node> nodes_;  // topological order
  std::vector<int> input_ids_, output_ids_;
  std::vector<TensorSpec> inputs_, outputs_;
  int half_adapted_nodes_ = 0;
  // RunReference: the tensors to release after each node (in plan order),
  // and the memory they are released into.
  std::vector<std::vector<int>> reference_frees_;
  TensorPool reference_pool_;
};

}  // namespace campaign::graph
