// Executor: a model's plan (graph/plan.h) built from the device ops and
// placed on one OpenCL device; also runs the same plan on the CPU reference.
//
// The executor keeps one device buffer per tensor (aliasing ops share their
// input's), uploads weights once, and keeps data on the device between
// layers: one inference writes the inputs, enqueues every node and reads the
// outputs back. Thread-compatible.
//
// Data-dependent shapes (NonZero, Compress, Unique, NonMaxSuppression; see
// graph/plan.h): their outputs get buffers of the upper bound. After such a
// node the run reads its actual extents back (a blocking read: the one sync
// such an op costs, inherent, since what follows is sized by them); when they
// differ from the planned ones it goes on in a tail placement: the
// re-planned plan's nodes after that one, with their own buffers for the
// tensors computed after it (those computed before keep theirs) and their
// ops prepared. Tail placements are cached by extents: repeated runs with
// the same extents (benchmark iterations) switch without re-planning (at
// most graph::Plan::kMaxReplans; a run that finds more drops them all). The
// outputs come back with their actual shapes. Run, RunTimed and RunProfiled
// all do this; RunTimed's enqueue_ms and compute_ms then include the waits,
// RunProfiled's layers stay those of layers() (a tail node is reported in
// its node's slot). A model without such ops takes none of these paths.
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
#include "runner/ops/registry.h"

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
  // Device bytes allocated by PrepareDevice() (tail placements not counted):
  // constants, activation buffers
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
  // A plan's nodes from `first` on, placed on the device: the root plan
  // (first = 0), or a re-planned plan after the data-dependent node
  // first - 1 of its parent placement.
  struct Placement {
    const graph::Plan* plan = nullptr;
    // A tail's own plan and the maker (and half scratch) of its ops.
    std::unique_ptr<ops::HalfScratch> scratch;
    std::unique_ptr<ops::DeviceOpMaker> maker;
    std::unique_ptr<graph::Plan> owned;
    size_t first = 0;
    std::vector<ops::DeviceOp*> device_ops;  // per plan node: its device half
    // Per plan node: not enqueued (aliasing, or every output has 0 elements).
    std::vector<bool> skip;
    std::vector<int> layer_slot;             // per plan node: its index in layers(), -1 if none
    size_t first_layer = 0, last_layer = 0;  // first/last node enqueued from `first`
    std::vector<const cl::Buffer*> tensor_buffers;  // per plan tensor: its device buffer
    std::deque<cl::Buffer> buffers;                 // owned device buffers (stable addresses)
    cl::Buffer workspace;
  };
  // Event lists RunTimed / RunProfiled attach to the nodes' commands.
  struct NodeEvents {
    cl::EventList* first = nullptr;                   // the root's first layer
    cl::EventList* last = nullptr;                    // each placement's last layer
    std::vector<cl::EventList>* per_layer = nullptr;  // by layer slot
  };

  Executor();
  // Places `p->plan` from node `p->first` on: tensors computed before that
  // (and equal constants) keep `parent`'s buffers. Returns the bytes it
  // allocated for weights, activations (and without reuse) and workspace.
  Status Place(Placement* p, const Placement* parent, size_t* weights, size_t* activations,
               size_t* unshared, size_t* ws);
  // After data-dependent node `k` of `*p` was enqueued: the placement to go on
  // in (p itself when the extents are the planned ones).
  Result<Placement*> AfterDataDependent(Placement* p, size_t k);
  // Enqueues every node from the root on, switching placements after
  // data-dependent nodes; records them in segments_. Returns the placement
  // the run ends in.
  Result<Placement*> EnqueueNodes(const NodeEvents* events);
  // Enqueues the output reads of `p` (non-blocking), resizing `outputs` as
  // needed.
  Status EnqueueReads(const Placement& p, std::vector<HostTensor>* outputs, cl::EventList* events);

  // Float32 scratch shared by the half adapters (before plan_: the plan's
  // adapters point to it).
  std::unique_ptr<ops::HalfScratch> half_scratch_;
  std::unique_ptr<ops::DeviceOpMaker> maker_;  // plan_'s (its re-planned plans' too)
  std::unique_ptr<graph::Plan> plan_;
  Placement root_;
  // Tail placements by the extents of their plan.
  std::map<graph::Plan::Extents, std::unique_ptr<Placement>> tails_;
  // The last run's placements and the node each was left at (one entry
  // without data-dependent ops; kept to reuse its memory).
  std::vector<std::pair<Placement*, size_t>> segments_;
  cl::Runtime* rt_ = nullptr;
  size_t peak_device_bytes_ = 0;
};

}  // namespace campaign::runner
