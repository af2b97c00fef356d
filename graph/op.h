// Op: one ONNX node bound to its (static) input shapes, with the plain C++
// reference arithmetic. Device-free: the converter folds constants and
// calibrates with it, and the runner validates against it.
//
// Each op type has a reference class in graph/ops/<family>.{h,cc} (Infer +
// RunReference, parameters parsed by Infer kept in protected members) and a
// device class in runner/ops/<family>.cc that derives from it and adds the
// OpenCL half (runner/ops/op.h). Lifecycle, driven by a Plan: a factory
// parses nothing; Infer() once; RunReference() any time after Infer().
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph {

// What Infer() knows about an input or output.
struct TensorInfo {
  bool present = true;  // false for an omitted optional input ("")
  DType dtype = DType::kFloat32;
  Shape shape;
  const HostTensor* constant = nullptr;  // the value when it is an initializer
};

class Op {
 public:
  virtual ~Op() = default;

  // Checks the inputs and returns the outputs' dtypes and shapes.
  // kInvalidModel for inconsistent shapes; kUnsupportedOp for valid ONNX the
  // runner cannot execute (message names the node and what is missing).
  virtual Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& inputs) = 0;

  // True when output 0 is input 0 with another shape (Reshape, Flatten,
  // Identity): a device plan gives both the same buffer and skips the op.
  virtual bool AliasesInput() const { return false; }

  // True for an op whose output shapes depend on its input values (NonZero,
  // Compress, Unique, NonMaxSuppression). Its Infer() returns an upper bound
  // of each output shape; RunReference() replaces each output with a tensor
  // of the actual shape, and the device half writes each output densely (as
  // laid out in its actual shape) at the start of the upper-bound buffer and
  // reports the actual shapes after the run (runner/ops/op.h
  // ReadOutputShapes). A Plan re-plans the nodes after it for the actual
  // shapes (graph/plan.h).
  virtual bool DataDependentOutputs() const { return false; }

  // Computes the outputs on the CPU. `inputs[i]` is null for omitted optional
  // inputs; outputs are pre-allocated with the inferred dtype and shape (a
  // data-dependent op replaces them, see above).
  // REQUIRES: Infer() succeeded.
  virtual Status RunReference(const std::vector<const HostTensor*>& inputs,
                              const std::vector<HostTensor*>& outputs) = 0;
};

// Helpers for op implementations.
Status RequireInputs(const std::string& op, const std::vector<TensorInfo>& inputs, size_t min,
                     size_t max);
Status RequireFloat(const std::string& op, const TensorInfo& t, std::string_view which);

// Narrows to the 32-bit ints the device kernels take; kUnsupportedOp beyond 2^31.
Result<int> ToInt(int64_t v, std::string_view what);

// Integer values of input `i` when it is present (it must then be a
// constant int64/int32 tensor, else kUnsupportedOp), else of attribute
// `attr` (older opsets) when set, else nullopt.
Result<std::optional<std::vector<int64_t>>> ConstIntsInput(const std::string& label,
                                                           const std::vector<TensorInfo>& in,
                                                           size_t i, const onnx::NodeProto& node,
                                                           const std::string& attr);

}  // namespace campaign::graph
