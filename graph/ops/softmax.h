// Softmax, LogSoftmax and Hardmax: the reference class. Device class:
// runner/ops/softmax.cc; arithmetic: graph/reference/softmax.h; kernels:
// runner/kernels/softmax.cl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/softmax.h"

namespace campaign::graph {

class SoftmaxOp : public Op {
 public:
  SoftmaxOp(const onnx::NodeProto& node, reference::SoftmaxMode mode);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t axis_;  // normalized by Infer
  reference::SoftmaxMode mode_;
};

}  // namespace campaign::graph
