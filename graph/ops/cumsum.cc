#include "graph/ops/cumsum.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/cumsum.h"

namespace campaign::graph {

CumSumOp::CumSumOp(const onnx::NodeProto& node)
    : node_(node),
      label_(NodeLabel(node)),
      exclusive_(GetInt(node, "exclusive", 0) != 0),
      reverse_(GetInt(node, "reverse", 0) != 0) {}

Result<std::vector<TensorInfo>> CumSumOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  DType t = in[0].dtype;
  if (t != DType::kFloat32 && t != DType::kInt32 && t != DType::kInt64) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": input is " +
                                                     std::string(DTypeName(t)) +
                                                     "; the runner sums float32, int32 and int64");
  }
  ASSIGN_OR_RETURN(auto axis, ConstIntsInput(label_, in, 1, node_, ""));
  if (!axis || axis->size() != 1) {
    return Status::Error(Reason::kInvalidModel, label_ + ": axis must hold one value");
  }
  auto a = reference::NormalizeAxis((*axis)[0], static_cast<int64_t>(in[0].shape.size()));
  if (!a.ok()) return a.status().WithContext(label_);
  axis_ = *a;
  return std::vector<TensorInfo>{{true, t, in[0].shape, nullptr}};
}

Status CumSumOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  Status st = reference::CumSum(*in[0], axis_, exclusive_, reverse_, out[0]);
  return st.ok() ? st : st.WithContext(label_);
}

void RegisterCumSumOps(OpTable* table) {
  (*table)["CumSum"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<CumSumOp>(n);
  };
}

}  // namespace campaign::graph
