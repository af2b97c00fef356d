#include "graph/ops/shrink.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/shrink.h"

namespace campaign::graph {

ShrinkOp::ShrinkOp(const onnx::NodeProto& node)
    : node_(node),
      label_(NodeLabel(node)),
      lambd_(GetFloat(node, "lambd", 0.5f)),
      bias_(GetFloat(node, "bias", 0.0f)) {}

Result<std::vector<TensorInfo>> ShrinkOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
}

Status ShrinkOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::Shrink(*in[0], lambd_, bias_, out[0]);
  return Status::Ok();
}

void RegisterShrinkOps(OpTable* table) {
  (*table)["Shrink"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ShrinkOp>(n);
  };
}

}  // namespace campaign::graph
