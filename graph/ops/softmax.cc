#include "graph/ops/softmax.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"

namespace campaign::graph {

using reference::SoftmaxMode;

SoftmaxOp::SoftmaxOp(const onnx::NodeProto& node, SoftmaxMode mode)
    : label_(NodeLabel(node)), axis_(GetInt(node, "axis", -1)), mode_(mode) {}

Result<std::vector<TensorInfo>> SoftmaxOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
  if (!axis.ok()) return axis.status().WithContext(label_);
  axis_ = *axis;
  return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
}

Status SoftmaxOp::RunReference(const std::vector<const HostTensor*>& in,
                               const std::vector<HostTensor*>& out) {
  reference::Softmax(*in[0], axis_, out[0], mode_);
  return Status::Ok();
}

void RegisterSoftmaxOps(OpTable* table) {
  auto& t = *table;
  t["Softmax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<SoftmaxOp>(n, SoftmaxMode::kSoftmax);
  };
  t["LogSoftmax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<SoftmaxOp>(n, SoftmaxMode::kLogSoftmax);
  };
  t["Hardmax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<SoftmaxOp>(n, SoftmaxMode::kHardmax);
  };
}

}  // namespace campaign::graph
