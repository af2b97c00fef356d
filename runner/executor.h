// Executor: a model's plan (graph/plan.h) built from the device ops and
// placed on one OpenCL device; also runs the same plan on the CPU reference.
//
// The executor keeps one device buffer per tensor (aliasing ops share their
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
#include "graph/plan.h"
#include "graph/tensor.h"
#include "runner/cl/runtime.h"
#include "runner/ops/half_adapter.h"
#include "runner/ops/op.h"

namespace campaign::runner {

// The graph vocabulary the runner speaks.
using graph::DType;
using graph::HostTensor;
using graph::ReferenceProfile;
using graph::Shape;
using graph::TensorSpec;

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

class Executor {
 public:
  // Builds the plan from the device ops (graph::Plan::Create's errors:
  // kUnsupportedOp naming ALL unsupported op types, kDynamicShape for
  // non-static inputs, kInvalidModel for broken graphs). `model` must
  // outlive the executor.
  static Result<std::unique_ptr<Executor>> Create(const onnx::ModelProto& model);
  ~Executor();

  const graph::Plan& plan() const { return *plan_; }
  const std::vector<TensorSpec>& inputs() const { return plan_->inputs(); }
  const std::vector<TensorSpec>& outputs() const { return plan_->outputs(); }
  size_t num_nodes() const { return plan_->num_nodes(); }
  // Bytes of all initializers.
  size_t weight_bytes() const { return plan_->weight_bytes(); }
  // See graph::Plan::half_adapted_nodes.
  int half_adapted_nodes() const { return plan_->half_adapted_nodes(); }
  // Device bytes allocated by PrepareDevice(): constants, activation buffers
  // after liveness reuse, the shared workspace and the half adapters'
  // scratch (0 before; not counted: the adapters' float copies of weights).
  size_t peak_device_bytes() const { return peak_device_bytes_; }

  // See graph::Plan::MakeRandomInputs.
  std::vector<HostTensor> MakeRandomInputs(uint32_t seed) const {
    return plan_->MakeRandomInputs(seed);
  }

  // The plan on the reference ops (graph::Plan::RunReference).
  Result<std::vector<HostTensor>> RunReference(const std::vector<HostTensor>& inputs,
                                               ReferenceProfile* profile = nullptr) {
    return plan_->RunReference(inputs, profile);
  }

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
  Executor();
  // Enqueues the output reads (non-blocking), resizing `outputs` as needed.
  Status EnqueueReads(std::vector<HostTensor>* outputs, cl::EventList* events);

  // Float32 scratch shared by the half adapters (before plan_: the plan's
  // adapters point to it).
  std::unique_ptr<ops::HalfScratch> half_scratch_;
  std::unique_ptr<graph::Plan> plan_;
  std::vector<ops::DeviceOp*> device_ops_;  // per plan node: its device half
  std::vector<bool> empty_;  // per plan node: every output has 0 elements (nothing to run)
  std::vector<const cl::Buffer*> tensor_buffers_;  // per plan tensor: its device buffer
  cl::Runtime* rt_ = nullptr;
  std::deque<cl::Buffer> buffers_;  // owned device buffers (stable addresses)
  size_t peak_device_bytes_ = 0;
  cl::Buffer workspace_;
};

}  // namespace campaign::runner
