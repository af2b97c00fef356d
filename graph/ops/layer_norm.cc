#include "graph/ops/layer_norm.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/layer_norm.h"

namespace campaign::graph {

LayerNormOp::LayerNormOp(const onnx::NodeProto& node)
    : node_(node),
      label_(NodeLabel(node)),
      axis_(GetInt(node, "axis", -1)),
      eps_(GetFloat(node, "epsilon", 1e-5f)) {}

Result<std::vector<TensorInfo>> LayerNormOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
  for (const auto& t : in) {
    if (t.present) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
  }
  stats_ = node_.output_size() > 1;
  if (stats_ && (node_.output(1).empty() || node_.output_size() < 3 || node_.output(2).empty())) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": Mean without InvStdDev (or the reverse) is not supported");
  }
  int64_t rank = static_cast<int64_t>(in[0].shape.size());
  int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
  if (axis < 0 || axis >= rank) {
    return Status::Error(Reason::kInvalidModel, label_ + ": axis out of range");
  }
  inner_ = 1;
  for (int64_t d = axis; d < rank; ++d) inner_ *= in[0].shape[d];
  has_bias_ = in.size() > 2 && in[2].present;
  for (size_t i = 1; i < in.size(); ++i) {
    if (in[i].present && NumElements(in[i].shape) != inner_) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": scale and bias must cover the normalized axes exactly");
    }
  }
  std::vector<TensorInfo> out{{true, DType::kFloat32, in[0].shape, nullptr}};
  if (stats_) {
    Shape s = in[0].shape;
    for (int64_t d = axis; d < rank; ++d) s[d] = 1;
    out.push_back({true, DType::kFloat32, s, nullptr});
    out.push_back({true, DType::kFloat32, s, nullptr});
  }
  return out;
}

Status LayerNormOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  reference::LayerNorm(*in[0], *in[1], has_bias_ ? in[2] : nullptr, inner_, eps_, out[0],
                       stats_ ? out[1] : nullptr, stats_ ? out[2] : nullptr);
  return Status::Ok();
}

void RegisterLayerNormOps(OpTable* table) {
  auto& m = *table;
  m["LayerNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LayerNormOp>(n);
  };
  // The same operator for engines of opset < 17 (converter/passes/fuse_layernorm.h).
  m["ai.campaign.LayerNormalization"] = m["LayerNormalization"];
}

}  // namespace campaign::graph
