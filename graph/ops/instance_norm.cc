#include "graph/ops/instance_norm.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

Result<std::vector<TensorInfo>> InstanceNormOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  for (const auto& t : in) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
  const Shape& x = in[0].shape;
  if (x.size() < 3) {
    return Status::Error(Reason::kInvalidModel, label_ + ": input must be [N, C, D1, ...]");
  }
  const Shape c{x[1]};
  if (in[1].shape != c || in[2].shape != c) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": scale and bias must be [C] = " + ShapeToString(c) + "; got " +
                             ShapeToString(in[1].shape) + " and " + ShapeToString(in[2].shape));
  }
  int64_t spatial = 1;
  for (size_t d = 2; d < x.size(); ++d) spatial *= x[d];
  layout_ = reference::MakeNormLayout({x[0] * x[1], spatial}, {1});
  layout_.eps = GetFloat(node_, "epsilon", 1e-5f);
  layout_.param_div = spatial;
  layout_.param_mod = x[1];
  affine_ = true;
  return std::vector<TensorInfo>{{true, DType::kFloat32, x, nullptr}};
}

void RegisterInstanceNormOps(OpTable* table) {
  (*table)["InstanceNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<InstanceNormOp>(n);
  };
}

}  // namespace campaign::graph
