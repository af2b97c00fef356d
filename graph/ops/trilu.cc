#include "graph/ops/trilu.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/trilu.h"

namespace campaign::graph {

TriluOp::TriluOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), upper_(GetInt(node, "upper", 1) != 0) {}

Result<std::vector<TensorInfo>> TriluOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
  if (in[0].shape.size() < 2) {
    return Status::Error(Reason::kInvalidModel, label_ + ": input rank must be >= 2");
  }
  if (in.size() > 1 && in[1].present) {
    if (!in[1].constant || in[1].dtype != DType::kInt64 || in[1].constant->size() != 1) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": k must be a constant int64 scalar");
    }
    k_ = in[1].constant->values<int64_t>()[0];
  }
  return std::vector<TensorInfo>{{true, in[0].dtype, in[0].shape, nullptr}};
}

Status TriluOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  reference::Trilu(*in[0], k_, upper_, out[0]);
  return Status::Ok();
}

void RegisterTriluOps(OpTable* table) {
  (*table)["Trilu"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<TriluOp>(n);
  };
}

}  // namespace campaign::graph
