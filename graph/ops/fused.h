// The project's fused operators (domain "ai.campaign", schema/engine-format.md):
//   FusedConv(X, W, B?, R?)  = act(Conv(X, W, B) + R)      graph/ops/conv.h
//   FusedGemm(A, B, C?)      = act(Gemm(A, B, C))          Gemm's attributes
//   FusedMatMul(A, B, bias?) = act(MatMul(A, B) + bias)    bias [N], N = last dim
// plus `activation` (string, default "None"), `activation_alpha`,
// `activation_beta` (floats). An optional 4th input `residual` (as many
// elements as Y, in Y's order) is added before the activation:
// act(op + bias + residual) (converter/passes/fuse_gemm_residual.h).
// FusedGemm / FusedMatMul run the existing Gemm/MatMul op and then one
// in-place epilogue (bias + residual + activation); ApplyEpilogue
// (graph/reference/activation.h) is the reference. FusedConv is ConvOp
// itself (graph/ops/conv.h), whose kernels carry the epilogue
// (converter/passes/fuse_residual.h).
//
// This file: the reference class of FusedGemm / FusedMatMul. Device class:
// runner/ops/fused.cc; kernels: runner/kernels/fused.cl.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/ops/registry.h"
#include "graph/reference/activation.h"

namespace campaign::graph {

class FusedOp : public Op {
 public:
  // `inner` makes the plain op (`inner_type`, "Gemm" or "MatMul") that the
  // fused op extends. `bias_input`: the op takes a trailing bias added by the
  // epilogue (FusedMatMul); otherwise every input goes to the inner op.
  FusedOp(const onnx::NodeProto& node, OpFactory inner, const std::string& inner_type,
          bool bias_input);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  std::string activation_name_;
  float alpha_, beta_;
  bool bias_input_;
  std::unique_ptr<Op> inner_;
  // Set by Infer.
  reference::Activation act_ = reference::Activation::kNone;
  bool has_bias_ = false, has_residual_ = false;
};

}  // namespace campaign::graph
