// ScatterND, ScatterElements and the deprecated Scatter (opset 9-10, which is
// ScatterElements without reduction): the reference classes. Device
// classes: runner/ops/scatter.cc; arithmetic: graph/reference/scatter.h;
// kernels: runner/kernels/scatter.cl.
//
// Data and updates are float32, int32 or int64 (float16 through the half
// adapter); indices int64 or int32, negative ones counting from the end.
// Constant indices are range-checked by Infer; computed ones by the
// reference at run time (the device skips an out-of-range update).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/scatter.h"

namespace campaign::graph {

class ScatterNDOp : public Op {
 public:
  explicit ScatterNDOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  std::string reduction_name_;
  reference::ScatterReduction reduction_ = reference::ScatterReduction::kNone;  // by Infer
  // Set by Infer: the updates must be applied in order, as the reference
  // does (a reduction, or constant indices with a repeated tuple). Else the
  // device applies them in parallel: for computed indices with repeats,
  // which ONNX leaves undefined, any of the repeated updates may win.
  bool ordered_ = true;
};

class ScatterElementsOp : public Op {
 public:
  // `deprecated` for Scatter (no reduction attribute).
  ScatterElementsOp(const onnx::NodeProto& node, bool deprecated);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  std::string reduction_name_;
  int64_t axis_;  // normalized by Infer
  reference::ScatterReduction reduction_ = reference::ScatterReduction::kNone;  // by Infer
};

}  // namespace campaign::graph
