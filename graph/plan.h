// Plan: a model turned into ops over static shapes, in topological order,
// with constant nodes folded and every tensor's dtype and shape inferred.
// Runs the whole graph on the reference ops; the runner's executor
// (runner/executor.h) places the same plan on an OpenCL device.
//
// Device-free: the converter folds, calibrates and checks accuracy with it.
// Thread-compatible.
//
// Data-dependent shapes (graph/op.h Op::DataDependentOutputs: NonZero,
// Compress, Unique, NonMaxSuppression): the plan is built with an upper
// bound for each such output, and every tensor computed from it is planned
// for that bound (and marked `data_dependent`). A run takes the actual
// extents after such a node; when they differ from the planned ones it goes
// on in a re-planned plan of the same model (Replan: new ops from the same
// maker, inferred for the actual extents, constants folded again, e.g. Shape
// of that tensor), from the node after. Re-planned plans are cached by their
// extents, so repeated runs with the same extents re-plan once (at most
// kMaxReplans of them: a run that finds more drops them all first). A model
// without such ops never re-plans and pays nothing for it.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
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
    bool inferred = false;                 // dtype/shape known
    std::shared_ptr<HostTensor> constant;  // shared with re-planned plans (initializers)
    int alias_of = -1;                     // shares its storage with this tensor (AliasesInput ops)
    // Its shape is an upper bound, or is computed from one: a data-dependent
    // output or a tensor computed from one (constants folded from them too).
    bool data_dependent = false;
  };
  struct Node {
    const onnx::NodeProto* proto = nullptr;
    std::unique_ptr<Op> op;
    std::vector<int> in, out;     // tensor ids; -1 for omitted optionals
    bool folded = false;          // computed at load; removed from the plan
    bool data_dependent = false;  // op->DataDependentOutputs()
  };
  // Actual shapes of data-dependent outputs, by tensor id.
  using Extents = std::map<int, Shape>;
  // Re-planned plans a cache keeps (RunReference's, the executor's tails).
  static constexpr size_t kMaxReplans = 16;

  // Builds the plan: topological order, ops from `maker`, inferred shapes
  // (checked against value_info), constant nodes folded. kUnsupportedOp
  // naming ALL unsupported op types, kDynamicShape for non-static inputs,
  // kInvalidModel for broken graphs. `model` and `maker` must outlive the
  // plan (RunReference makes the ops of re-planned plans with `maker`).
  static Result<std::unique_ptr<Plan>> Create(const onnx::ModelProto& model,
                                              const OpMaker& maker = ReferenceOpMaker());

  // A new plan of the same model with the data-dependent outputs in
  // `extents` given those shapes instead of their upper bounds (ops from
  // `maker`, which must outlive it; initializers shared with this plan,
  // which must outlive it too). Its nodes up to the last data-dependent node
  // named in `extents` are the same as this plan's, at the same indices.
  // Not cached: RunReference caches its own; the executor caches its own.
  Result<std::unique_ptr<Plan>> Replan(const Extents& extents, const OpMaker& maker) const;
  // The extents this plan was built for (empty for a plan from Create).
  const Extents& extents() const { return extents_; }
  // Whether any node has data-dependent outputs.
  bool has_data_dependent() const { return has_data_dependent_; }
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
  //
  // After a data-dependent node whose actual output shapes differ from the
  // planned ones, the run goes on in a re-planned plan (see the top of this
  // file), cached in this plan; the outputs come back with their actual
  // shapes, which may differ from outputs().
  Result<std::vector<HostTensor>> RunReference(const std::vector<HostTensor>& inputs,
                                               ReferenceProfile* profile = nullptr);

  // The plan itself, for a backend that places it on a device.
  const std::vector<Tensor>& tensors() const { return tensors_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<int>& input_ids() const { return input_ids_; }
  const std::vector<int>& output_ids() const { return output_ids_; }

 private:
  Plan();
  static Result<std::unique_ptr<Plan>> Build(const onnx::ModelProto& model, const OpMaker& maker,
                                             const Plan* share, Extents extents);
  // Initializers and Constant nodes; from `share` (same model) when given.
  Status BuildTensors(const onnx::GraphProto& g, const Plan* share);
  Status BuildNodes(const onnx::GraphProto& g, const OpMaker& maker);
  Status InferShapes(const onnx::GraphProto& g, const OpMaker& maker);
  Status TryFold(Node& n, const std::vector<TensorInfo>& in, std::vector<TensorInfo>* out);
  // Fills reference_frees_ (once).
  void PlanReferenceFrees();
  // RunReference's plan for `extents` (cached in reference_variants_).
  Result<Plan*> ReferenceVariant(const Extents& extents);

  std::vector<Tensor> tensors_;
  std::vector<Node> nodes_;  // topological order
  std::vector<int> input_ids_, output_ids_;
  std::vector<TensorSpec> inputs_, outputs_;
  int half_adapted_nodes_ = 0;
  const onnx::ModelProto* model_ = nullptr;
  const OpMaker* maker_ = nullptr;
  Extents extents_;
  bool has_data_dependent_ = false;
  std::map<Extents, std::unique_ptr<Plan>> reference_variants_;
  // RunReference: the tensors to release after each node (in plan order),
  // and the memory they are released into.
  std::vector<std::vector<int>> reference_frees_;
  TensorPool reference_pool_;
};

}  // namespace campaign::graph
