// ai.campaign.Attention(Q, K, V; scale, q_perm, k_perm, v_perm, y_perm): the
// reference class, with the strided-matrix views of the operands that the
// device class needs (Infer rejects perms no strided-batched GEMM can
// address). Device class: runner/ops/attention.cc; arithmetic:
// graph/reference/attention.h.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/attention.h"

namespace campaign::graph {

class AttentionOp : public Op {
 public:
  explicit AttentionOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  // The strided-matrix views of Qo, Ko, Vo and Yo; kUnsupportedOp when a
  // perm leaves a view that one strided-batched GEMM cannot address.
  Status PlanLayouts(const Shape& q, const Shape& k, const Shape& v);

  std::string label_;
  reference::AttentionParams p_;
  reference::MatrixLayout q_, k_, v_, y_;  // set by Infer
};

}  // namespace campaign::graph
