#include "graph/ops/unique.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/unique.h"

namespace campaign::graph {

UniqueOp::UniqueOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)),
      has_axis_(HasAttribute(node, "axis")),
      axis_(GetInt(node, "axis", 0)),
      sorted_(GetInt(node, "sorted", 1) != 0) {
  for (int i = 0; i < 4; ++i) present_.push_back(i < node.output_size() && !node.output(i).empty());
}

Result<std::vector<TensorInfo>> UniqueOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  if (in[0].dtype != DType::kFloat32 && in[0].dtype != DType::kInt64) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": input is " + std::string(DTypeName(in[0].dtype)) +
                             "; the runner's Unique takes float32 or int64");
  }
  const Shape& x = in[0].shape;
  Shape y;
  int64_t extent;
  if (has_axis_) {
    auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(x.size()));
    if (!axis.ok()) return axis.status().WithContext(label_);
    axis_ = *axis;
    extent = x[axis_];
    y = x;
  } else {
    axis_ = -1;
    extent = NumElements(x);
    y = {extent};
  }
  return std::vector<TensorInfo>{{true, in[0].dtype, y, nullptr},
                                 {true, DType::kInt64, {extent}, nullptr},
                                 {true, DType::kInt64, {extent}, nullptr},
                                 {true, DType::kInt64, {extent}, nullptr}};
}

Status UniqueOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::UniqueResult r;
  Status st = reference::Unique(*in[0], axis_, sorted_, &r);
  if (!st.ok()) return st.WithContext(label_);
  HostTensor* all[] = {&r.y, &r.indices, &r.inverse, &r.counts};
  size_t j = 0;
  for (int i = 0; i < 4; ++i) {
    if (present_[i] && j < out.size()) *out[j++] = std::move(*all[i]);
  }
  return Status::Ok();
}

void RegisterUniqueOps(OpTable* table) {
  (*table)["Unique"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<UniqueOp>(n);
  };
}

}  // namespace campaign::graph
