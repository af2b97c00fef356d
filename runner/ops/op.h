// Op: one ONNX node bound to its (static) input shapes, runnable on the CPU
// reference and on an OpenCL device.
//
// Lifecycle, driven by the executor: a factory parses the node's attributes;
// Infer() once; then PrepareDevice() once (kernels created, arguments bound
// to fixed buffers) and Enqueue() per inference; RunReference() any time
// after Infer().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "runner/cl/runtime.h"
#include "runner/tensor.h"

namespace campaign::runner::ops {

// What Infer() knows about an input or output.
struct TensorInfo {
  bool present = true;  // false for an omitted optional input ("")
  DType dtype = DType::kFloat32;
  Shape shape;
  const HostTensor* constant = nullptr;  // the value when it is an initializer
};

// A tensor placed on the device. Non-owning; the executor owns the buffers.
struct DeviceTensor {
  const cl::Buffer* buffer = nullptr;  // null for an omitted optional input
  DType dtype = DType::kFloat32;
  Shape shape;
};

class Op {
 public:
  virtual ~Op() = default;

  // Checks the inputs and returns the outputs' dtypes and shapes.
  // kInvalidModel for inconsistent shapes; kUnsupportedOp for valid ONNX the
  // runner cannot execute (message names the node and what is missing).
  virtual Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& inputs) = 0;

  // True when output 0 is input 0 with another shape (Reshape, Flatten,
  // Identity): the executor gives both the same buffer and skips Enqueue.
  virtual bool AliasesInput() const { return false; }

  // Device scratch space needed by Enqueue (shared by all ops of a plan).
  virtual size_t WorkspaceBytes() const { return 0; }

  // Binds kernels to the buffers; they stay fixed for the life of the op.
  // `workspace` has at least WorkspaceBytes() bytes (null when 0).
  virtual Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& inputs,
                               const std::vector<DeviceTensor>& outputs,
                               const cl::Buffer* workspace) = 0;

  // Enqueues the computation (non-blocking).
  virtual Status Enqueue(cl::Runtime& rt) = 0;

  // Computes the outputs on the CPU. `inputs[i]` is null for omitted optional
  // inputs; outputs are pre-allocated with the inferred dtype and shape.
  virtual Status RunReference(const std::vector<const HostTensor*>& inputs,
                              const std::vector<HostTensor*>& outputs) = 0;
};

// Helpers for op implementations.
Status RequireInputs(const std::string& op, const std::vector<TensorInfo>& inputs, size_t min,
                     size_t max);
Status RequireFloat(const std::string& op, const TensorInfo& t, std::string_view which);

}  // namespace campaign::runner::ops

namespace campaign::runner::ops {

// A kernel with its arguments bound, launched over `items` work items.
struct Launch {
  cl::Kernel kernel;
  size_t items = 0;
  std::string what;  // for error messages, e.g. "Relu 'relu1'"
};
Status EnqueueAll(cl::Runtime& rt, const std::vector<Launch>& launches);

// Uploads small int parameters (dims, strides) to a device buffer (blocking).
Result<cl::Buffer> UploadInts(cl::Runtime& rt, const std::vector<int64_t>& values);

// Narrows to the 32-bit ints the kernels take; kUnsupportedOp beyond 2^31.
Result<int> ToInt(int64_t v, std::string_view what);

}  // namespace campaign::runner::ops
