#include "graph/ops/nonzero.h"

#include <algorithm>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/nonzero.h"

namespace campaign::graph {

NonZeroOp::NonZeroOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> NonZeroOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  const Shape& x = in[0].shape;
  Shape y{static_cast<int64_t>(x.size()), NumElements(x)};
  return std::vector<TensorInfo>{{true, DType::kInt64, y, nullptr}};
}

Status NonZeroOp::RunReference(const std::vector<const HostTensor*>& in,
                               const std::vector<HostTensor*>& out) {
  return reference::NonZero(*in[0], out[0]);
}

CompressOp::CompressOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)),
      has_axis_(HasAttribute(node, "axis")),
      axis_(GetInt(node, "axis", 0)) {}

Result<std::vector<TensorInfo>> CompressOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  if (in[1].dtype != DType::kBool || in[1].shape.size() != 1) {
    return Status::Error(Reason::kInvalidModel, label_ + ": condition must be a 1-D bool tensor");
  }
  const Shape& x = in[0].shape;
  Shape y;
  if (has_axis_) {
    auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(x.size()));
    if (!axis.ok()) return axis.status().WithContext(label_);
    axis_ = *axis;
    bound_ = std::min(in[1].shape[0], x[axis_]);
    y = x;
    y[axis_] = bound_;
  } else {
    axis_ = -1;
    bound_ = std::min(in[1].shape[0], NumElements(x));
    y = {bound_};
  }
  return std::vector<TensorInfo>{{true, in[0].dtype, y, nullptr}};
}

Status CompressOp::RunReference(const std::vector<const HostTensor*>& in,
                                const std::vector<HostTensor*>& out) {
  return reference::Compress(*in[0], *in[1], axis_, out[0]);
}

void RegisterNonZeroOps(OpTable* table) {
  (*table)["NonZero"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<NonZeroOp>(n);
  };
  (*table)["Compress"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<CompressOp>(n);
  };
}

}  // namespace campaign::graph
