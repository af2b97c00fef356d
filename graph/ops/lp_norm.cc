#include "graph/ops/lp_norm.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/lp_norm.h"

namespace campaign::graph {

LpNormOp::LpNormOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> LpNormOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  const int64_t p = GetInt(node_, "p", 2);
  if (p != 1 && p != 2) {
    return Status::Error(Reason::kInvalidModel, label_ + ": p must be 1 or 2");
  }
  p_ = static_cast<int>(p);
  auto axis =
      reference::NormalizeAxis(GetInt(node_, "axis", -1), static_cast<int64_t>(in[0].shape.size()));
  if (!axis.ok()) return axis.status().WithContext(label_);
  auto split = reference::SplitAtAxis(in[0].shape, *axis);
  outer_ = split.outer;
  extent_ = split.extent;
  inner_ = split.inner;
  return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
}

Status LpNormOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::LpNorm(*in[0], outer_, extent_, inner_, p_, out[0]);
  return Status::Ok();
}

void RegisterLpNormOps(OpTable* table) {
  (*table)["LpNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LpNormOp>(n);
  };
}

}  // namespace campaign::graph
