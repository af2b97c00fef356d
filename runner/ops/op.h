// DeviceOp: the OpenCL half of an op. Each device class derives from its
// op's reference class (graph/ops/<family>.h: Infer, RunReference and the
// parameters Infer parsed) and from DeviceOp:
//
//   class PoolDevice final : public graph::PoolOp, public DeviceOp { ... };
//
// Lifecycle, driven by the executor: Infer() (graph::Op) once; then
// PrepareDevice() once (kernels created, arguments bound to fixed buffers)
// and Enqueue() per inference.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/op.h"
#include "graph/tensor.h"
#include "runner/cl/runtime.h"

namespace campaign::runner::ops {

// The graph vocabulary the device classes speak.
using graph::DType;
using graph::HostTensor;
using graph::Shape;
using graph::TensorInfo;

// A tensor placed on the device. Non-owning; the executor owns the buffers.
struct DeviceTensor {
  const cl::Buffer* buffer = nullptr;  // null for an omitted optional input
  DType dtype = DType::kFloat32;
  Shape shape;
};

class DeviceOp {
 public:
  virtual ~DeviceOp() = default;

  // Device scratch space needed by Enqueue (shared by all ops of a plan).
  virtual size_t WorkspaceBytes() const { return 0; }

  // Binds kernels to the buffers; they stay fixed for the life of the op.
  // `workspace` has at least WorkspaceBytes() bytes (null when 0).
  // REQUIRES: Infer() succeeded.
  virtual Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& inputs,
                               const std::vector<DeviceTensor>& outputs,
                               const cl::Buffer* workspace) = 0;

  // Enqueues the computation (non-blocking).
  virtual Status Enqueue(cl::Runtime& rt) = 0;

  // After a run has finished (Executor::Run): an error for a condition its
  // kernels flagged, e.g. a float64 input beyond the float32 range of the
  // half adapter (runner/ops/half_adapter.h). Most ops flag nothing.
  virtual Status CheckAfterRun(cl::Runtime&) { return Status::Ok(); }

  // For an op with data-dependent outputs (graph::Op::DataDependentOutputs):
  // after Enqueue(), the actual shape of each present output, from the small
  // device buffer its kernel wrote the extents into. Blocking: it waits for
  // the queue up to this op (the one sync a data-dependent op costs).
  virtual Result<std::vector<Shape>> ReadOutputShapes(cl::Runtime&) {
    return Status::Error(Reason::kInternal, "the op has no data-dependent outputs");
  }
};

// The device half of `op`, which a device factory (runner/ops/registry.h)
// made; kInternal naming `label` for an op without one.
Result<DeviceOp*> AsDeviceOp(graph::Op& op, const std::string& label);

// A kernel with its arguments bound, launched over `items` work items.
struct Launch {
  cl::Kernel kernel;
  size_t items = 0;
  std::string what;  // for error messages, e.g. "Relu 'relu1'"
};
Status EnqueueAll(cl::Runtime& rt, const std::vector<Launch>& launches);

// Uploads small int parameters (dims, strides) to a device buffer (blocking).
Result<cl::Buffer> UploadInts(cl::Runtime& rt, const std::vector<int64_t>& values);

}  // namespace campaign::runner::ops
