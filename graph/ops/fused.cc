#include "graph/ops/fused.h"

#include <optional>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {
namespace {

using reference::Activation;

const char* const kActivationAttrs[] = {"activation", "activation_alpha", "activation_beta"};

// `node` as the plain default-domain op it extends, without the activation
// attributes.
onnx::NodeProto InnerNode(const onnx::NodeProto& node, const std::string& op_type) {
  onnx::NodeProto inner = node;
  inner.clear_domain();
  inner.set_op_type(op_type);
  inner.clear_attribute();
  for (const auto& a : node.attribute()) {
    bool ours = false;
    for (const char* name : kActivationAttrs) ours = ours || a.name() == name;
    if (!ours) *inner.add_attribute() = a;
  }
  const int arity = op_type == "MatMul" ? 2 : 3;  // the residual is ours
  if (inner.input_size() > arity) {
    inner.mutable_input()->DeleteSubrange(arity, inner.input_size() - arity);
  }
  return inner;
}

}  // namespace

FusedOp::FusedOp(const onnx::NodeProto& node, OpFactory inner, const std::string& inner_type,
                 bool bias_input)
    : label_(NodeLabel(node)),
      activation_name_(GetString(node, "activation", "None")),
      alpha_(GetFloat(node, "activation_alpha", 0.0f)),
      beta_(GetFloat(node, "activation_beta", 0.0f)),
      bias_input_(bias_input),
      inner_(inner(InnerNode(node, inner_type))) {}

Result<std::vector<TensorInfo>> FusedOp::Infer(const std::vector<TensorInfo>& in) {
  std::optional<Activation> act = reference::ActivationFromName(activation_name_);
  if (!act) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": unknown activation '" + activation_name_ +
                             "' (Relu, Clip, Sigmoid, HardSigmoid, HardSwish, Silu, Gelu, "
                             "GeluTanh, LeakyRelu or None)");
  }
  act_ = *act;
  std::vector<TensorInfo> inner_in = in;
  has_bias_ = false;
  has_residual_ = in.size() > 3 && in[3].present;
  if (inner_in.size() > 3) inner_in.resize(3);
  if (bias_input_ && in.size() > 2) {
    has_bias_ = in[2].present;
    inner_in.resize(2);
  }
  ASSIGN_OR_RETURN(std::vector<TensorInfo> out, inner_->Infer(inner_in));
  if (has_residual_) {
    RETURN_IF_ERROR(RequireFloat(label_, in[3], "the residual"));
    if (NumElements(in[3].shape) != NumElements(out[0].shape)) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": residual " + ShapeToString(in[3].shape) +
                               " should have as many elements as the output " +
                               ShapeToString(out[0].shape));
    }
  }
  if (has_bias_) {
    RETURN_IF_ERROR(RequireFloat(label_, in[2], "the bias"));
    const Shape& y = out[0].shape;
    if (y.empty() || NumElements(in[2].shape) != y.back()) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": bias " + ShapeToString(in[2].shape) + " should have " +
                               (y.empty() ? std::string("?") : std::to_string(y.back())) +
                               " elements (the output's last dimension)");
    }
  }
  for (auto& o : out) o.constant = nullptr;
  return out;
}

Status FusedOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  std::vector<const HostTensor*> inner_in = in;
  if (inner_in.size() > 3) inner_in.resize(3);
  if (bias_input_ && inner_in.size() > 2) inner_in.resize(2);
  RETURN_IF_ERROR(inner_->RunReference(inner_in, out));
  if (has_residual_) {
    reference::ApplyEpilogue(Activation::kNone, 0, 0, has_bias_ ? in[2] : nullptr, out[0]);
    reference::ApplyResidualEpilogue(Activation::kNone, 0, 0, in[3], out[0]);
    reference::ApplyEpilogue(act_, alpha_, beta_, nullptr, out[0]);
    return Status::Ok();
  }
  reference::ApplyEpilogue(act_, alpha_, beta_, has_bias_ ? in[2] : nullptr, out[0]);
  return Status::Ok();
}

// FusedConv is registered with Conv (RegisterConvOps: the epilogue is in the
// convolution). The inner ops are the registry's own Gemm and MatMul
// (ReferenceOps(), complete by the time a factory runs).
void RegisterFusedOps(OpTable* table) {
  auto& t = *table;
  t["ai.campaign.FusedGemm"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<FusedOp>(n, ReferenceOps().at("Gemm"), "Gemm", false);
  };
  t["ai.campaign.FusedMatMul"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<FusedOp>(n, ReferenceOps().at("MatMul"), "MatMul", true);
  };
}

}  // namespace campaign::graph
