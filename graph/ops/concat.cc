#include "graph/ops/concat.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/concat.h"

namespace campaign::graph {

ConcatOp::ConcatOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), axis_(GetInt(node, "axis", 0)) {}

Result<std::vector<TensorInfo>> ConcatOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1u << 20));
  std::vector<Shape> shapes;
  for (const auto& t : in) {
    if (t.dtype != in[0].dtype) {
      return Status::Error(Reason::kInvalidModel, label_ + ": inputs differ in type");
    }
    shapes.push_back(t.shape);
  }
  auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
  if (!axis.ok()) return axis.status().WithContext(label_);
  axis_ = *axis;
  auto y = reference::ConcatOutputShape(shapes, axis_);
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, in[0].dtype, *y, nullptr}};
}

Status ConcatOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::Concat(in, axis_, out[0]);
  return Status::Ok();
}

void RegisterConcatOps(OpTable* table) {
  (*table)["Concat"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ConcatOp>(n);
  };
}

}  // namespace campaign::graph
