#include "graph/ops/gemm.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

GemmOp::GemmOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {
  p_.trans_a = GetInt(node, "transA", 0) != 0;
  p_.trans_b = GetInt(node, "transB", 0) != 0;
  p_.alpha = GetFloat(node, "alpha", 1.0f);
  p_.beta = GetFloat(node, "beta", 1.0f);
}

Result<std::vector<TensorInfo>> GemmOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
  for (const auto& t : in) {
    if (t.present) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
  }
  has_c_ = in.size() > 2 && in[2].present;
  auto y =
      reference::GemmOutputShape(in[0].shape, in[1].shape, has_c_ ? &in[2].shape : nullptr, p_);
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
}

Status GemmOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  reference::Gemm(*in[0], *in[1], has_c_ ? in[2] : nullptr, p_, out[0]);
  return Status::Ok();
}

MatMulOp::MatMulOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> MatMulOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input A"));
  RETURN_IF_ERROR(RequireFloat(label_, in[1], "input B"));
  auto y = reference::MatMulOutputShape(in[0].shape, in[1].shape);
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
}

Status MatMulOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::MatMul(*in[0], *in[1], out[0]);
  return Status::Ok();
}

void RegisterGemmOps(OpTable* table) {
  auto& t = *table;
  t["Gemm"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GemmOp>(n);
  };
  t["MatMul"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<MatMulOp>(n);
  };
}

}  // namespace campaign::graph
