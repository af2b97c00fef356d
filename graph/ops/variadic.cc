#include "graph/ops/variadic.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

using reference::BinaryKind;

VariadicOp::VariadicOp(const onnx::NodeProto& node, BinaryKind kind, bool mean)
    : label_(NodeLabel(node)), kind_(kind), mean_(mean) {}

Result<std::vector<TensorInfo>> VariadicOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1u << 16));
  Shape y = in[0].shape;
  for (const auto& t : in) {
    if (!t.present || t.dtype != in[0].dtype) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": inputs must share one type");
    }
    auto s = reference::BroadcastShape(y, t.shape);
    if (!s.ok()) return s.status().WithContext(label_);
    y = *s;
  }
  ASSIGN_OR_RETURN(DType dt, reference::BinaryOutputType(kind_, in[0].dtype, label_));
  if (mean_ && dt != DType::kFloat32 && dt != DType::kFloat64) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": Mean computes float types only");
  }
  return std::vector<TensorInfo>{{true, dt, y, nullptr}};
}

Status VariadicOp::RunReference(const std::vector<const HostTensor*>& in,
                                const std::vector<HostTensor*>& out) {
  HostTensor acc(out[0]->dtype(), out[0]->shape());
  reference::Binary(in.size() == 1 ? BinaryKind::kMax : kind_, *in[0],
                    in.size() == 1 ? *in[0] : *in[1], &acc);
  for (size_t i = 2; i < in.size(); ++i) {
    HostTensor next(acc.dtype(), acc.shape());
    reference::Binary(kind_, acc, *in[i], &next);
    acc = std::move(next);
  }
  if (mean_ && acc.dtype() == DType::kFloat64) {
    for (double& v : acc.values<double>()) v *= 1.0 / static_cast<double>(in.size());
  } else if (mean_) {
    for (float& v : acc.values<float>()) v /= static_cast<float>(in.size());
  }
  *out[0] = std::move(acc);
  return Status::Ok();
}

void RegisterVariadicOps(OpTable* table) {
  auto& m = *table;
  m["Max"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<VariadicOp>(n, BinaryKind::kMax, false);
  };
  m["Min"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<VariadicOp>(n, BinaryKind::kMin, false);
  };
  m["Sum"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<VariadicOp>(n, BinaryKind::kAdd, false);
  };
  m["Mean"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<VariadicOp>(n, BinaryKind::kAdd, true);
  };
}

}  // namespace campaign::graph
