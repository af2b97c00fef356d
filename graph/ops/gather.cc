#include "graph/ops/gather.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/gather.h"

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

void RegisterGatherOps(OpTable* table) {
  auto& t = *table;
  t["Gather"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GatherOp>(n);
  };
  t["GatherElements"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GatherElementsOp>(n);
  };
}

}  // namespace campaign::graph
