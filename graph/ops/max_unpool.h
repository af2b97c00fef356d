// MaxUnpool(X, I, output_shape?) (opset 9/11): the reference class. Device
// class: runner/ops/max_unpool.cc; arithmetic: graph/reference/max_unpool.h;
// kernel: runner/kernels/max_unpool.cl. X float32, I int64; output_shape,
// when given, must be a constant.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/max_unpool.h"

namespace campaign::graph {

class MaxUnpoolOp : public Op {
 public:
  explicit MaxUnpoolOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::UnpoolPlanes planes_;  // set by Infer
};

}  // namespace campaign::graph
