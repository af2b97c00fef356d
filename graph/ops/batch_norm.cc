#include "graph/ops/batch_norm.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/batch_norm.h"

namespace campaign::graph {

namespace {

// The outputs beyond Y: in training mode (opset 14+ `training_mode`=1) the
// running statistics, outputs 1 and 2. The saved statistics of the older
// training form (opset 6-9: outputs 3 and 4, or outputs without
// training_mode) and the per-element form of opsets 6/7 (`spatial` = 0) are
// valid ONNX the runner does not execute.
Status RequireSupportedForm(const std::string& label, const onnx::NodeProto& node, bool training) {
  for (int i = training ? 3 : 1; i < node.output_size(); ++i) {
    if (!node.output(i).empty()) {
      return Status::Error(Reason::kUnsupportedOp,
                           label + ": output " + std::to_string(i) +
                               (training ? " (saved statistics of opsets 6-9) is not supported"
                                         : " (running or saved statistics) exists only in "
                                           "training mode (training_mode=1, opset 14+)"));
    }
  }
  if (GetInt(node, "spatial", 1) == 0) {
    return Status::Error(
        Reason::kUnsupportedOp,
        label + ": spatial=0 (per-element statistics, opset 6/7) is not supported");
  }
  return Status::Ok();
}

}  // namespace

BatchNormOp::BatchNormOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> BatchNormOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 5, 5));
  training_ = GetInt(node_, "training_mode", 0) != 0;
  RETURN_IF_ERROR(RequireSupportedForm(label_, node_, training_));
  const char* names[] = {"X", "scale", "B", "input_mean", "input_var"};
  for (size_t i = 0; i < 5; ++i) RETURN_IF_ERROR(RequireFloat(label_, in[i], names[i]));
  const Shape& x = in[0].shape;
  if (x.size() < 2) {
    return Status::Error(Reason::kInvalidModel, label_ + ": X " + ShapeToString(x) +
                                                    " must have rank >= 2 (channels on axis 1)");
  }
  for (size_t i = 1; i < 5; ++i) {
    if (in[i].shape != Shape{x[1]}) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": " + names[i] + " " + ShapeToString(in[i].shape) +
                               " must be [" + std::to_string(x[1]) +
                               "], one value per channel of X " + ShapeToString(x));
    }
  }
  epsilon_ = GetFloat(node_, "epsilon", 1e-5f);
  momentum_ = GetFloat(node_, "momentum", 0.9f);
  has_running_mean_ = training_ && node_.output_size() > 1 && !node_.output(1).empty();
  has_running_var_ = training_ && node_.output_size() > 2 && !node_.output(2).empty();
  std::vector<TensorInfo> out = {{true, DType::kFloat32, x, nullptr}};
  if (training_) {
    for (int i = 0; i < 2; ++i) out.push_back({true, DType::kFloat32, Shape{x[1]}, nullptr});
  }
  return out;
}

Status BatchNormOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  if (training_) {
    size_t k = 1;  // the present outputs, in order
    HostTensor* running_mean = has_running_mean_ ? out[k++] : nullptr;
    HostTensor* running_var = has_running_var_ ? out[k++] : nullptr;
    reference::BatchNormTraining(*in[0], *in[1], *in[2], *in[3], *in[4], epsilon_, momentum_,
                                 out[0], running_mean, running_var);
    return Status::Ok();
  }
  reference::BatchNorm(*in[0], *in[1], *in[2], *in[3], *in[4], epsilon_, out[0]);
  return Status::Ok();
}

void RegisterBatchNormOps(OpTable* table) {
  (*table)["BatchNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<BatchNormOp>(n);
  };
}

}  // namespace campaign::graph
