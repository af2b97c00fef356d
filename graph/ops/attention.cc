#include "graph/ops/attention.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/movement.h"

namespace campaign::graph {

AttentionOp::AttentionOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {
  p_.scale = GetFloat(node, "scale", 1.0f);
  p_.q_perm = GetInts(node, "q_perm", {});
  p_.k_perm = GetInts(node, "k_perm", {});
  p_.v_perm = GetInts(node, "v_perm", {});
  p_.y_perm = GetInts(node, "y_perm", {});
}

Result<std::vector<TensorInfo>> AttentionOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  for (const auto& t : in) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
  auto y = reference::AttentionShape(in[0].shape, in[1].shape, in[2].shape, p_);
  if (!y.ok()) return y.status().WithContext(label_);
  RETURN_IF_ERROR(PlanLayouts(in[0].shape, in[1].shape, in[2].shape));
  return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
}

Status AttentionOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  reference::Attention(*in[0], *in[1], *in[2], p_, out[0]);
  return Status::Ok();
}

Status AttentionOp::PlanLayouts(const Shape& q, const Shape& k, const Shape& v) {
  auto view = [](const Shape& s, const std::vector<int64_t>& perm) {
    return perm.empty() ? s : reference::TransposeShape(s, perm);
  };
  Shape yo = view(q, p_.q_perm);
  yo.back() = view(v, p_.v_perm).back();
  auto ql = reference::BlasLayout(view(q, p_.q_perm), reference::PermutedStrides(q, p_.q_perm));
  auto kl = reference::BlasLayout(view(k, p_.k_perm), reference::PermutedStrides(k, p_.k_perm));
  auto vl = reference::BlasLayout(view(v, p_.v_perm), reference::PermutedStrides(v, p_.v_perm));
  auto yl = reference::BlasLayout(yo, reference::InversePermutedStrides(yo, p_.y_perm));
  if (!ql || !kl || !vl || !yl || yl->col_stride != 1) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ +
                             ": the perms give operands that one strided-batched GEMM "
                             "cannot address (the batch dims must merge into one stride "
                             "and Y's last dim must be contiguous)");
  }
  q_ = *ql;
  k_ = *kl;
  v_ = *vl;
  y_ = *yl;
  return Status::Ok();
}

void RegisterAttentionOps(OpTable* table) {
  (*table)["ai.campaign.Attention"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<AttentionOp>(n);
  };
}

}  // namespace campaign::graph
