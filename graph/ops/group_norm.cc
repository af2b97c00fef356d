#include "graph/ops/group_norm.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"

namespace campaign::graph {

NormGroupsOp::NormGroupsOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Status NormGroupsOp::RunReference(const std::vector<const HostTensor*>& in,
                                  const std::vector<HostTensor*>& out) {
  const float* scale = affine_ ? in[1]->values<float>().data() : nullptr;
  const float* bias = affine_ ? in[2]->values<float>().data() : nullptr;
  reference::NormalizeGroups(*in[0], layout_, scale, bias, out[0]);
  return Status::Ok();
}

Result<std::vector<TensorInfo>> GroupNormOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  for (const auto& t : in) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
  const Shape& x = in[0].shape;
  if (x.size() < 3) {
    return Status::Error(Reason::kInvalidModel, label_ + ": X must be [N, C, D1, ...]");
  }
  const int64_t groups = GetInt(node_, "num_groups", 0);
  const int64_t c = x[1];
  if (groups <= 0 || c % groups != 0) {
    return Status::Error(Reason::kInvalidModel, label_ + ": num_groups " + std::to_string(groups) +
                                                    " does not divide the channels " +
                                                    std::to_string(c));
  }
  int64_t spatial = 1;
  for (size_t d = 2; d < x.size(); ++d) spatial *= x[d];
  const int64_t inner = c / groups * spatial;
  // The sets: x seen as [N, G, C/G * spatial], the last dim reduced.
  layout_ = reference::MakeNormLayout({x[0], groups, inner}, {2});
  layout_.eps = GetFloat(node_, "epsilon", 1e-5f);
  const int64_t len = NumElements(in[1].shape);
  if (in[1].shape.size() != 1 || in[2].shape != in[1].shape || (len != c && len != groups)) {
    return Status::Error(Reason::kInvalidModel,
                         label_ +
                             ": scale and bias must both be [C] (opset 21) or [num_groups] "
                             "(opset 18); got " +
                             ShapeToString(in[1].shape) + " and " + ShapeToString(in[2].shape));
  }
  // Per channel (opset 21): p = (offset / spatial) % C; per group (opset
  // 18): p = (offset / inner) % G. Equal when G == C.
  layout_.param_div = len == c ? spatial : inner;
  layout_.param_mod = len;
  affine_ = true;
  return std::vector<TensorInfo>{{true, DType::kFloat32, x, nullptr}};
}

Result<std::vector<TensorInfo>> MvnOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "X"));
  const Shape& x = in[0].shape;
  const int64_t rank = static_cast<int64_t>(x.size());
  std::vector<int64_t> axes = GetInts(node_, "axes", {0, 2, 3});
  for (int64_t& a : axes) {
    auto n = reference::NormalizeAxis(a, rank);
    if (!n.ok()) return n.status().WithContext(label_);
    a = *n;
  }
  layout_ = reference::MakeNormLayout(x, axes);
  layout_.eps_mode = reference::EpsMode::kEpsOutside;
  layout_.eps = 1e-9f;
  affine_ = false;
  return std::vector<TensorInfo>{{true, DType::kFloat32, x, nullptr}};
}

void RegisterGroupNormOps(OpTable* table) {
  auto& t = *table;
  t["GroupNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GroupNormOp>(n);
  };
  t["MeanVarianceNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<MvnOp>(n);
  };
}

}  // namespace campaign::graph
