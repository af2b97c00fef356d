// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (LogSoftmax over the
// class axis, then NLL): the reference class. Device class:
// runner/ops/loss.cc; arithmetic: graph/reference/loss.h; kernels:
// runner/kernels/loss.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/loss.h"

namespace campaign::graph {

class LossOp : public Op {
 public:
  LossOp(const onnx::NodeProto& node, bool softmax);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  bool softmax_;
  bool reduction_ok_ = true, has_w_ = false, log_prob_out_ = false;
  size_t ws_ = 0;  // bytes of the log-probabilities, set by Infer
  reference::NllParams p_;
};

}  // namespace campaign::graph
