#include "graph/ops/gather.h"

#include <algorithm>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/gather.h"
#include "graph/reference/scatter.h"

namespace campaign::graph {

GatherOp::GatherOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), axis_(GetInt(node, "axis", 0)) {}

Result<std::vector<TensorInfo>> GatherOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  if (in[1].dtype != DType::kInt64 && in[1].dtype != DType::kInt32) {
    return Status::Error(Reason::kInvalidModel, label_ + ": indices must be int64 or int32");
  }
  auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
  if (!axis.ok()) return axis.status().WithContext(label_);
  axis_ = *axis;
  return std::vector<TensorInfo>{
      {true, in[0].dtype, reference::GatherShape(in[0].shape, in[1].shape, axis_), nullptr}};
}

Status GatherOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  Status st = reference::Gather(*in[0], *in[1], axis_, out[0]);
  return st.ok() ? st : st.WithContext(label_);
}

GatherElementsOp::GatherElementsOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), axis_(GetInt(node, "axis", 0)) {}

Result<std::vector<TensorInfo>> GatherElementsOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  if (in[1].dtype != DType::kInt64 && in[1].dtype != DType::kInt32) {
    return Status::Error(Reason::kInvalidModel, label_ + ": indices must be int64 or int32");
  }
  if (in[0].shape.size() != in[1].shape.size()) {
    return Status::Error(Reason::kInvalidModel, label_ + ": data and indices differ in rank");
  }
  auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
  if (!axis.ok()) return axis.status().WithContext(label_);
  axis_ = *axis;
  return std::vector<TensorInfo>{{true, in[0].dtype, in[1].shape, nullptr}};
}

Status GatherElementsOp::RunReference(const std::vector<const HostTensor*>& in,
                                      const std::vector<HostTensor*>& out) {
  Status st = reference::GatherElements(*in[0], *in[1], axis_, out[0]);
  return st.ok() ? st : st.WithContext(label_);
}

GatherNDOp::GatherNDOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), batch_dims_(GetInt(node, "batch_dims", 0)) {}

Result<std::vector<TensorInfo>> GatherNDOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  if (in[1].dtype != DType::kInt64 && in[1].dtype != DType::kInt32) {
    return Status::Error(Reason::kInvalidModel, label_ + ": indices must be int64 or int32");
  }
  const Shape &ds = in[0].shape, &is = in[1].shape;
  int64_t r = static_cast<int64_t>(ds.size()), q = static_cast<int64_t>(is.size());
  int64_t b = batch_dims_;
  bool ok = b >= 0 && b < std::min(r, q) && is.back() >= 1 && is.back() <= r - b;
  for (int64_t d = 0; ok && d < b; ++d) ok = ds[d] == is[d];
  if (!ok) {
    return Status::Error(Reason::kInvalidModel, label_ + ": indices " + ShapeToString(is) +
                                                    " with batch_dims " + std::to_string(b) +
                                                    " do not fit data " + ShapeToString(ds));
  }
  if (in[1].constant) {
    RETURN_IF_ERROR(reference::CheckIndexRange(
        *in[1].constant, std::vector<int64_t>(ds.begin() + b, ds.begin() + b + is.back()), label_));
  }
  return std::vector<TensorInfo>{{true, in[0].dtype, reference::GatherNDShape(ds, is, b), nullptr}};
}

Status GatherNDOp::RunReference(const std::vector<const HostTensor*>& in,
                                const std::vector<HostTensor*>& out) {
  Status st = reference::GatherND(*in[0], *in[1], batch_dims_, out[0]);
  return st.ok() ? st : st.WithContext(label_);
}

void RegisterGatherOps(OpTable* table) {
  auto& t = *table;
  t["Gather"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GatherOp>(n);
  };
  t["GatherElements"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GatherElementsOp>(n);
  };
  t["GatherND"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GatherNDOp>(n);
  };
}

}  // namespace campaign::graph
