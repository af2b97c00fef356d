#include "graph/ops/one_hot.h"

#include <cmath>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/cast.h"
#include "graph/reference/one_hot.h"

namespace campaign::graph {

namespace {

bool IsIndexType(DType t) {
  return t == DType::kFloat32 || t == DType::kInt32 || t == DType::kInt64;
}

// The single value of a numeric constant, truncated to an integer.
int64_t ScalarValue(const HostTensor& t) {
  return static_cast<int64_t>(reference::ValueAsDouble(t, 0));
}

}  // namespace

OneHotOp::OneHotOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), axis_(GetInt(node, "axis", -1)) {}

Result<std::vector<TensorInfo>> OneHotOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  if (!IsIndexType(in[0].dtype) || !IsIndexType(in[2].dtype)) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": indices and values must be float32, int32 or int64");
  }
  if (!in[1].constant) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": depth is computed at run time; the runner needs it constant");
  }
  if (in[1].constant->size() != 1 || NumElements(in[2].shape) != 2) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": depth must hold one value and values two");
  }
  depth_ = ScalarValue(*in[1].constant);
  if (depth_ < 1) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": depth " + std::to_string(depth_) + " is not positive");
  }
  auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()) + 1);
  if (!axis.ok()) return axis.status().WithContext(label_);
  axis_ = *axis;
  return std::vector<TensorInfo>{
      {true, in[2].dtype, reference::OneHotShape(in[0].shape, depth_, axis_), nullptr}};
}

Status OneHotOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::OneHot(*in[0], *in[2], depth_, axis_, out[0]);
  return Status::Ok();
}

void RegisterOneHotOps(OpTable* table) {
  (*table)["OneHot"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<OneHotOp>(n);
  };
}

}  // namespace campaign::graph
