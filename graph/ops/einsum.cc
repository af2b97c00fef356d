#include "graph/ops/einsum.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

EinsumOp::EinsumOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> EinsumOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 64));
  std::vector<Shape> shapes;
  for (const auto& t : in) {
    if (!t.present) return Status::Error(Reason::kInvalidModel, label_ + ": an input is missing");
    RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
    shapes.push_back(t.shape);
  }
  if (!HasAttribute(node_, "equation")) {
    return Status::Error(Reason::kInvalidModel, label_ + ": the equation is required");
  }
  auto plan = reference::PlanEinsum(GetString(node_, "equation", ""), shapes);
  if (!plan.ok()) return plan.status().WithContext(label_);
  plan_ = std::move(plan).value();
  return std::vector<TensorInfo>{{true, DType::kFloat32, plan_.out_shape, nullptr}};
}

Status EinsumOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::Einsum(in, plan_, out[0]);
  return Status::Ok();
}

void RegisterEinsumOps(OpTable* table) {
  (*table)["Einsum"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<EinsumOp>(n);
  };
}

}  // namespace campaign::graph
