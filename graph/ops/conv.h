// Conv and ai.campaign.FusedConv(X, W, B?, R?) = act(Conv(X, W, B) + R): the
// reference class. Device class: runner/ops/conv.cc (its path choice:
// runner/ops/conv_plan.h); arithmetic: graph/reference/conv.h and the
// epilogue in graph/reference/activation.h; kernels: runner/kernels/conv.cl,
// conv_fused.cl, conv_implicit.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/activation.h"
#include "graph/reference/conv.h"

namespace campaign::graph {

class ConvOp : public Op {
 public:
  // `fused`: the node is a FusedConv (activation attributes, residual input).
  ConvOp(const onnx::NodeProto& node, bool fused);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  bool fused_;
  std::string activation_name_;
  float alpha_, beta_;
  // Set by Infer.
  reference::Activation act_ = reference::Activation::kNone;
  reference::Conv2dParams p_;
  bool has_bias_ = false, has_residual_ = false;
  Shape x_, y_;
};

}  // namespace campaign::graph
