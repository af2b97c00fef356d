#include "graph/ops/topk.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"
#include "graph/reference/topk.h"

namespace campaign::graph {

TopKOp::TopKOp(const onnx::NodeProto& node)
    : node_(node),
      label_(NodeLabel(node)),
      axis_(GetInt(node, "axis", -1)),
      largest_(GetInt(node, "largest", 1) != 0) {}

Result<std::vector<TensorInfo>> TopKOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
  DType t = in[0].dtype;
  if (t != DType::kFloat32 && t != DType::kInt32 && t != DType::kInt64) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": input is " +
                                                     std::string(DTypeName(t)) +
                                                     "; the runner sorts float32, int32, int64");
  }
  const Shape& x = in[0].shape;
  auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(x.size()));
  if (!axis.ok()) return axis.status().WithContext(label_);
  axis_ = *axis;
  if (in.size() > 1) {
    ASSIGN_OR_RETURN(auto k, ConstIntsInput(label_, in, 1, node_, ""));
    if (!k || k->size() != 1) {
      return Status::Error(Reason::kInvalidModel, label_ + ": K must hold one value");
    }
    k_ = (*k)[0];
  } else {
    k_ = GetInt(node_, "k", -1);
  }
  if (k_ < 0 || k_ > x[axis_]) {
    return Status::Error(Reason::kInvalidModel, label_ + ": K = " + std::to_string(k_) +
                                                    " does not fit an axis of " +
                                                    std::to_string(x[axis_]));
  }
  Shape y = x;
  y[axis_] = k_;
  return std::vector<TensorInfo>{{true, t, y, nullptr}, {true, DType::kInt64, y, nullptr}};
}

Status TopKOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  Status st = reference::TopK(*in[0], axis_, k_, largest_, out[0], out[1]);
  return st.ok() ? st : st.WithContext(label_);
}

void RegisterTopKOps(OpTable* table) {
  (*table)["TopK"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<TopKOp>(n);
  };
}

}  // namespace campaign::graph
