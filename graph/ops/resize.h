// Resize (opset 11+) with constant roi/scales/sizes: nearest, linear, cubic.
// The reference class. Device class: runner/ops/resize.cc; arithmetic:
// graph/reference/resize.h; kernel: runner/kernels/resize.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/resize.h"

namespace campaign::graph {

class ResizeOp : public Op {
 public:
  explicit ResizeOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::ResizeParams p_;
  reference::ResizeTables tables_;  // set by Infer
};

}  // namespace campaign::graph
