#include "graph/ops/pool.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/spatial_attrs.h"

namespace campaign::graph {

using reference::PoolKind;

PoolOp::PoolOp(const onnx::NodeProto& node, PoolKind kind)
    : node_(node), label_(NodeLabel(node)), kind_(kind) {}

Result<std::vector<TensorInfo>> PoolOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  if (node_.output_size() > 1 && !node_.output(1).empty()) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": the Indices output is not supported");
  }
  if (!HasAttribute(node_, "kernel_shape")) {
    return Status::Error(Reason::kInvalidModel, label_ + ": kernel_shape is required");
  }
  ASSIGN_OR_RETURN(Window2d w, ParseWindow2d(node_, in[0].shape, {0, 0}));
  p_.kind = kind_;
  p_.kernel_h = w.kernel_h;
  p_.kernel_w = w.kernel_w;
  p_.stride_h = w.stride_h;
  p_.stride_w = w.stride_w;
  p_.pad_top = w.pad_top;
  p_.pad_left = w.pad_left;
  p_.pad_bottom = w.pad_bottom;
  p_.pad_right = w.pad_right;
  p_.dilation_h = w.dilation_h;
  p_.dilation_w = w.dilation_w;
  p_.ceil_mode = GetInt(node_, "ceil_mode", 0) != 0;
  p_.count_include_pad = GetInt(node_, "count_include_pad", 0) != 0;
  auto y = reference::Pool2dOutputShape(in[0].shape, p_);
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
}

Status PoolOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  reference::Pool2d(*in[0], p_, out[0]);
  return Status::Ok();
}

GlobalAveragePoolOp::GlobalAveragePoolOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> GlobalAveragePoolOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  if (in[0].shape.size() < 3) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": input " + ShapeToString(in[0].shape) + " has no spatial dims");
  }
  Shape y = in[0].shape;
  for (size_t i = 2; i < y.size(); ++i) y[i] = 1;
  return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
}

Status GlobalAveragePoolOp::RunReference(const std::vector<const HostTensor*>& in,
                                         const std::vector<HostTensor*>& out) {
  reference::GlobalAveragePool(*in[0], out[0]);
  return Status::Ok();
}

void RegisterPoolOps(OpTable* table) {
  auto& t = *table;
  t["MaxPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<PoolOp>(n, PoolKind::kMax);
  };
  t["AveragePool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<PoolOp>(n, PoolKind::kAverage);
  };
  t["GlobalAveragePool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GlobalAveragePoolOp>(n);
  };
}

}  // namespace campaign::graph
