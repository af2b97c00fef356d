#include "graph/ops/pool.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/spatial_attrs.h"

namespace campaign::graph {

using reference::PoolKind;

PoolOp::PoolOp(const onnx::NodeProto& node, PoolKind kind, bool global)
    : node_(node), label_(NodeLabel(node)), kind_(kind), global_(global) {}

Result<std::vector<TensorInfo>> PoolOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  const DType t = in[0].dtype;
  int8_ = kind_ == PoolKind::kMax && (t == DType::kInt8 || t == DType::kUInt8);
  if (!int8_) RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  has_indices_ = node_.output_size() > 1 && !node_.output(1).empty();
  if (has_indices_ && (kind_ != PoolKind::kMax || global_)) {
    return Status::Error(Reason::kInvalidModel, label_ + ": only MaxPool has an Indices output");
  }
  const Shape& x = in[0].shape;
  q_.kind = kind_;
  q_.p = static_cast<float>(GetInt(node_, "p", 2));
  if (kind_ == PoolKind::kLp && q_.p <= 0.0f) {
    return Status::Error(Reason::kInvalidModel, label_ + ": p must be positive");
  }
  Shape y;
  if (global_) {
    if (x.size() < 3) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": input " + ShapeToString(x) + " has no spatial dims");
    }
    nd_ = true;
    y = reference::GlobalPoolNdShape(x, &q_);
  } else if (x.size() == 4 && kind_ != PoolKind::kLp && !has_indices_ && !int8_) {
    // The 2-D path of MaxPool and AveragePool.
    if (!HasAttribute(node_, "kernel_shape")) {
      return Status::Error(Reason::kInvalidModel, label_ + ": kernel_shape is required");
    }
    ASSIGN_OR_RETURN(Window2d w, ParseWindow2d(node_, x, {0, 0}));
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
    auto y2 = reference::Pool2dOutputShape(x, p_);
    if (!y2.ok()) return y2.status().WithContext(label_);
    y = *y2;
  } else {
    nd_ = true;
    ASSIGN_OR_RETURN(q_.win, ParseWindow3d(node_, x, {}));
    q_.ceil_mode = GetInt(node_, "ceil_mode", 0) != 0;
    q_.count_include_pad = GetInt(node_, "count_include_pad", 0) != 0;
    q_.column_major_indices = GetInt(node_, "storage_order", 0) != 0;
    auto yn = reference::PoolNdOutputShape(x, &q_);
    if (!yn.ok()) return yn.status().WithContext(label_);
    y = *yn;
  }
  std::vector<TensorInfo> out{{true, int8_ ? t : DType::kFloat32, y, nullptr}};
  if (has_indices_) out.push_back({true, DType::kInt64, y, nullptr});
  return out;
}

Status PoolOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  if (int8_) {
    reference::MaxPoolNdInt8(*in[0], q_, out[0], has_indices_ ? out[1] : nullptr);
  } else if (nd_) {
    reference::PoolNd(*in[0], q_, out[0], has_indices_ ? out[1] : nullptr);
  } else {
    reference::Pool2d(*in[0], p_, out[0]);
  }
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
  t["LpPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<PoolOp>(n, PoolKind::kLp);
  };
  t["GlobalMaxPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<PoolOp>(n, PoolKind::kMax, true);
  };
  t["GlobalLpPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<PoolOp>(n, PoolKind::kLp, true);
  };
  t["GlobalAveragePool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GlobalAveragePoolOp>(n);
  };
}

}  // namespace campaign::graph
