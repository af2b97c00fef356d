#include "graph/ops/batch_norm.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/batch_norm.h"

namespace campaign::graph {

namespace {

// Training mode (opset 14+ `training_mode`), the running statistics outputs
// that only training computes, and the per-element form of opsets 6/7
// (`spatial` = 0) are valid ONNX the runner does not execute.
Status RequireInferenceForm(const std::string& label, const onnx::NodeProto& node) {
  if (GetInt(node, "training_mode", 0) != 0) {
    return Status::Error(Reason::kUnsupportedOp,
                         label +
                             ": training_mode=1 is not supported (inference only: the runner "
                             "normalises with the given mean and var)");
  }
  for (int i = 1; i < node.output_size(); ++i) {
    if (!node.output(i).empty()) {
      return Status::Error(Reason::kUnsupportedOp,
                           label + ": output " + std::to_string(i) +
                               " (running or saved statistics) exists only in training mode, "
                               "which is not supported");
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
  RETURN_IF_ERROR(RequireInferenceForm(label_, node_));
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
  return std::vector<TensorInfo>{{true, DType::kFloat32, x, nullptr}};
}

Status BatchNormOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  reference::BatchNorm(*in[0], *in[1], *in[2], *in[3], *in[4], epsilon_, out[0]);
  return Status::Ok();
}

void RegisterBatchNormOps(OpTable* table) {
  (*table)["BatchNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<BatchNormOp>(n);
  };
}

}  // namespace campaign::graph
