#include "graph/ops/lrn.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

LrnOp::LrnOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {
  p_.size = GetInt(node, "size", 0);
  p_.alpha = GetFloat(node, "alpha", 1e-4f);
  p_.beta = GetFloat(node, "beta", 0.75f);
  p_.bias = GetFloat(node, "bias", 1.0f);
}

Result<std::vector<TensorInfo>> LrnOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "X"));
  if (p_.size <= 0) return Status::Error(Reason::kInvalidModel, label_ + ": size must be > 0");
  if (in[0].shape.size() < 2) {
    return Status::Error(Reason::kInvalidModel, label_ + ": X must be [N, C, ...]");
  }
  return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
}

Status LrnOp::RunReference(const std::vector<const HostTensor*>& in,
                           const std::vector<HostTensor*>& out) {
  reference::Lrn(*in[0], p_, out[0]);
  return Status::Ok();
}

void RegisterLrnOps(OpTable* table) {
  (*table)["LRN"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LrnOp>(n);
  };
}

}  // namespace campaign::graph
