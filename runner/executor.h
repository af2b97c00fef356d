// Executor: a model turned into a plan of ops over static shapes, run on the
// CPU reference and on one OpenCL device.
//
// The plan keeps one device buffer per tensor (aliasing ops share their
// input's), uploads weights once, and keeps data on the device between
// layers: one inference writes the inputs, enqueues every node and reads the
// outputs back. Thread-compatible.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "runner/cl/runtime.h"
#include "runner/ops/half_adapter.h"
#include "runner/ops/op.h"
#include "graph/tensor.h"
#include "graph/tensor_pool.h"

namespace campaign::runner {

// A graph input or output.
struct TensorSpec {
  std::string name;
  DType dtype = DType::kFloat32;
  Shape shape;
};

// Device-side numbers of one timed inference (OpenCL event profiling).
struct IterationTimes {
  double h2d_ms = 0;      // input copies, durations summed (0 without transfers)
  double compute_ms = 0;  // start of the first kernel to the end of the last
  double d2h_ms = 0;      // output copies, durations summed (0 without transfers)
  double enqueue_ms = 0;  // host time to enqueue the whole inference
  double events_ms = 0;   // host time reading the event timestamps after the wait
};

// A device layer: a plan node that enqueues work (aliasing nodes such as
// Reshape do not, and are not layers).
struct LayerSpec {
  std::string name;  // ONNX node name, or op_type#index when it has none
  std::string op_type;
};

// Device timestamps of one profiled inference (every command has an event).
struct ProfiledIteration {
  std::vector<cl::EventTimes> h2d, d2h;  // one per input / output copy
  std::vector<cl::EventTimes> layers;    // per layer: first start .. last end
  std::vector<double> layer_busy_ms;     // per layer: its commands' durations summed
};

// Where a reference run's wall time went, summed over the runs it was
// passed to.
struct ReferenceProfile {
  std::map<std::string, double> op_ms;  // op type -> ms in its RunReference
  std::map<std::string, int> op_nodes;  // op type -> nodes run
  double alloc_ms = 0;                  // taking node outputs (zero-filled), releasing dead ones
  double output_ms = 0;                 // handing the graph outputs back
};

class Executor {
 public:
  // Builds the plan: topological order, ops, inferred shapes (checked against
  // value_info). kUnsupportedOp naming ALL unsupported op types,
  // kDynamicShape for non-static inputs, kInvalidModel for broken graphs.
  static Result<std::unique_ptr<Executor>> Create(const onnx::ModelProto& model);
  ~Executor();

  const std::vector<TensorSpec>& inputs() const { return inputs_; }
  const std::vector<TensorSpec>& outputs() const { return outputs_; }
  size_t num_nodes() const;
  // Bytes of all initializers.
  size_t weight_bytes() const;
  // Nodes that read float16 tensors and run through the half adapter
  // (float32 compute from half storage; runner/ops/half_adapter.h),
  // constant-folded ones included. 0 for an fp32 engine.
  int half_adapted_nodes() const { return half_adapted_nodes_; }
  // Device bytes allocated by PrepareDevice(): constants, activation buffers
  // after liveness reuse, the shared workspace and the half adapters'
  // scratch (0 before; not counted: the adapters' float copies of weights).
  size_t peak_device_bytes() const { return peak_device_bytes_; }

  // Random inputs from std::mt19937(seed): float uniform in [-1, 1), int64
  // and int32 uniform in [0, 100), bool 0/1.
  std::vector<HostTensor> MakeRandomInputs(uint32_t seed) const;

  // Runs the whole graph with the reference ops. REQUIRES: inputs match
  // inputs() in order, dtype and shape. With `profile`, adds each node's
  // wall time to it (by op type).
  //
  // Each intermediate tensor is released after its last reader, into a pool
  // that later nodes (and later runs) take their outputs from; the executor
  // keeps that pool (at most the run's peak activations) until destroyed.
  // The graph outputs are moved out, not copied.
  Result<std::vector<HostTensor>> RunReference(const std::vector<HostTensor>& inputs,
                                               ReferenceProfile* profile = nullptr);

  // Allocates buffers, uploads the weights and binds kernels on `rt`, which
  // must outlive the executor. Call once. Intermediate tensors share buffers
  // when their lifetimes (in plan order) do not overlap.
  //
  // Constant nodes (all inputs constant, or Shape) were folded by Create():
  // they are computed once on the host and uploaded like weights.
  Status PrepareDevice(cl::Runtime& rt);

  // One inference on the device: enqueue input writes, all nodes, and a
  // blocking read of the outputs. REQUIRES: PrepareDevice() succeeded.
  Status Run(const std::vector<HostTensor>& inputs, std::vector<HostTensor>* outputs);

  // One timed inference, enqueued at once and waited for once: input
  // copies (skipped when !transfers: the buffers keep what they hold), every
  // node, output copies. Only the copies and the first and last layers'
  // commands carry events, so the host cost stays that of Run().
  // REQUIRES: PrepareDevice() ok; with !transfers, a Run() before.
  Status RunTimed(const std::vector<HostTensor>& inputs, std::vector<HostTensor>* outputs,
                  bool transfers, IterationTimes* times);

  // One inference with an event on every command, for the per-layer
  // profile and the trace (slower host side; never mixed with RunTimed's
  // numbers). REQUIRES: PrepareDevice() ok.
  Result<ProfiledIteration> RunProfiled(const std::vector<HostTensor>& inputs,
                                        std::vector<HostTensor>* outputs);

  // The device layers in plan order (RunProfiled's `layers` order).
  std::vector<LayerSpec> layers() const;

 private:
  struct TensorSlot;
  struct Node;
  Executor();
  Status BuildTensors(const onnx::GraphProto& g);
  Status BuildNodes(const onnx::GraphProto& g);
  Status InferShapes(const onnx::GraphProto& g);
  Status TryFold(Node& n, const std::vector<ops::TensorInfo>& in,
                 std::vector<ops::TensorInfo>* out);
  // Fills reference_frees_ (once).
  void PlanReferenceFrees();
  Status CheckInputsMatch(const std::vector<HostTensor>& inputs) const;
  // Enqueues the output reads (non-blocking), resizing `outputs` as needed.
  Status EnqueueReads(std::vector<HostTensor>* outputs, cl::EventList* events);

  std::vector<TensorSlot> tensors_;
  std::vector<Node> nodes_;  // topological order
  std::vector<int> input_ids_, output_ids_;
  std::vector<TensorSpec> inputs_, outputs_;
  cl::Runtime* rt_ = nullptr;
  std::deque<cl::Buffer> buffers_;  // owned device buffers (stable addresses)
  size_t peak_device_bytes_ = 0;
  int half_adapted_nodes_ = 0;
  // Float32 scratch shared by the half adapters (null for fp32 engines).
  std::unique_ptr<ops::HalfScratch> half_scratch_;
  cl::Buffer workspace_;
  // RunReference: the tensors to release after each node (in plan order),
  // and the memory they are released into.
  std::vector<std::vector<int>> reference_frees_;
  TensorPool reference_pool_;
};

}  // namespace campaign::runner
