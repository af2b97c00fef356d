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
  // 1 to 3. A 1-D convolution runs as a 2-D one with H = 1: p_, x_, w_ and
  // y_ are then the 4-D views [N, C, 1, W], [M, C/group, 1, K], [N, M, 1,
  // OW] (same memory layout). 2-D: p_ and the shapes as they are. 3-D:
  // win_ (and the 5-D shapes); p_ unused.
  int spatial_ = 2;
  reference::Conv2dParams p_;
  reference::Window3d win_;  // every rank but 2
  bool has_bias_ = false, has_residual_ = false;
  Shape x_, w_, y_;
};

}  // namespace campaign::graph
