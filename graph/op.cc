#include "graph/op.h"

#include <limits>

#include "graph/attributes.h"
#include "graph/reference/axes.h"

namespace campaign::graph {

Status RequireInputs(const std::string& op, const std::vector<TensorInfo>& inputs, size_t min,
                     size_t max) {
  size_t present = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].present) present = i + 1;
  }
  if (present < min || inputs.size() > max) {
    return Status::Error(Reason::kInvalidModel, op + " takes " + std::to_string(min) + ".." +
                                                    std::to_string(max) + " inputs, got " +
                                                    std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < min; ++i) {
    if (!inputs[i].present) {
      return Status::Error(Reason::kInvalidModel,
                           op + ": required input " + std::to_string(i) + " is missing");
    }
  }
  return Status::Ok();
}

Status RequireFloat(const std::string& op, const TensorInfo& t, std::string_view which) {
  if (t.dtype == DType::kFloat32) return Status::Ok();
  return Status::Error(Reason::kUnsupportedOp, op + ": " + std::string(which) + " is " +
                                                   std::string(DTypeName(t.dtype)) +
                                                   "; the runner computes this op in float32 only");
}

Result<int> ToInt(int64_t v, std::string_view what) {
  if (v > std::numeric_limits<int32_t>::max() || v < std::numeric_limits<int32_t>::min()) {
    return Status::Error(Reason::kUnsupportedOp, std::string(what) + " " + std::to_string(v) +
                                                     " exceeds the kernels' 32-bit indexing");
  }
  return static_cast<int>(v);
}

Result<std::optional<std::vector<int64_t>>> ConstIntsInput(const std::string& label,
                                                           const std::vector<TensorInfo>& in,
                                                           size_t i, const onnx::NodeProto& node,
                                                           const std::string& attr) {
  if (i < in.size() && in[i].present) {
    if (!in[i].constant || (in[i].dtype != DType::kInt64 && in[i].dtype != DType::kInt32)) {
      return Status::Error(Reason::kUnsupportedOp,
                           label + ": input " + std::to_string(i) +
                               " must be a constant integer tensor (computed values are not "
                               "supported)");
    }
    return std::optional<std::vector<int64_t>>(reference::ToInt64s(*in[i].constant));
  }
  if (!attr.empty() && HasAttribute(node, attr)) {
    return std::optional<std::vector<int64_t>>(GetInts(node, attr, {}));
  }
  return std::optional<std::vector<int64_t>>();
}

}  // namespace campaign::graph
