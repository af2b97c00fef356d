#include "graph/ops/cast.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/cast.h"

namespace campaign::graph {

CastOp::CastOp(const onnx::NodeProto& node, bool like)
    : label_(NodeLabel(node)), to_(static_cast<int32_t>(GetInt(node, "to", 0))), like_(like) {}

Result<std::vector<TensorInfo>> CastOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, like_ ? 2 : 1, like_ ? 2 : 1));
  DType to = like_ ? in[1].dtype : DType::kFloat32;
  if (!like_) {
    ASSIGN_OR_RETURN(to, DTypeFromOnnx(to_, label_ + " target type"));
  }
  return std::vector<TensorInfo>{{true, to, in[0].shape, nullptr}};
}

Status CastOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  reference::Cast(*in[0], out[0]);
  return Status::Ok();
}

void RegisterCastOps(OpTable* table) {
  (*table)["Cast"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<CastOp>(n, false);
  };
  (*table)["CastLike"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<CastOp>(n, true);
  };
}

}  // namespace campaign::graph
