// The project's fused operators (domain "ai.campaign", schema/engine-format.md):
//   FusedConv(X, W, B?, R?)  = act(Conv(X, W, B) + R)      conv_op.cc
//   FusedGemm(A, B, C?)      = act(Gemm(A, B, C))          Gemm's attributes
//   FusedMatMul(A, B, bias?) = act(MatMul(A, B) + bias)    bias [N], N = last dim
// plus `activation` (string, default "None"), `activation_alpha`,
// `activation_beta` (floats). An optional 4th input `residual` (as many
// elements as Y, in Y's order) is added before the activation:
// act(op + bias + residual) (converter/passes/fuse_gemm_residual.h).
// FusedGemm / FusedMatMul run the existing Gemm/MatMul op and then one
// in-place epilogue (bias + residual + activation) kernel; ApplyEpilogue is
// the reference. FusedConv is ConvOp itself (conv_op.cc), whose kernels carry
// the epilogue (converter/passes/fuse_residual.h).
#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/activation.h"

namespace campaign::runner::ops {
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

class FusedOp : public Op {
 public:
  // `bias_input`: the op takes a trailing bias added by the epilogue
  // (FusedMatMul); otherwise every input goes to the inner op.
  FusedOp(const onnx::NodeProto& node, OpFactory inner, const std::string& inner_type,
          bool bias_input)
      : label_(NodeLabel(node)),
        activation_name_(GetString(node, "activation", "None")),
        alpha_(GetFloat(node, "activation_alpha", 0.0f)),
        beta_(GetFloat(node, "activation_beta", 0.0f)),
        bias_input_(bias_input),
        inner_(inner(InnerNode(node, inner_type))) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
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

  size_t WorkspaceBytes() const override { return inner_->WorkspaceBytes(); }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    std::vector<DeviceTensor> inner_in = in;
    if (inner_in.size() > 3) inner_in.resize(3);
    if (bias_input_ && inner_in.size() > 2) inner_in.resize(2);
    RETURN_IF_ERROR(inner_->PrepareDevice(rt, inner_in, out, ws));
    return PrepareEpilogue(rt, has_bias_ ? &in[2] : nullptr, has_residual_ ? &in[3] : nullptr,
                           out[0]);
  }

  Status Enqueue(cl::Runtime& rt) override {
    RETURN_IF_ERROR(inner_->Enqueue(rt));
    if (epilogue_.items == 0) return Status::Ok();
    return rt.Launch1D(epilogue_.kernel, epilogue_.items, epilogue_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
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

 private:
  // Binds the in-place epilogue kernel to y (nothing when there is neither a
  // bias nor an activation).
  Status PrepareEpilogue(cl::Runtime& rt, const DeviceTensor* bias, const DeviceTensor* residual,
                         const DeviceTensor& y) {
    if (act_ == Activation::kNone && bias == nullptr && residual == nullptr) return Status::Ok();
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(y.shape), label_));
    int bias_len = bias ? static_cast<int>(NumElements(bias->shape)) : 0;
    cl_mem y_mem = y.buffer->get();
    cl_mem b_mem = bias ? bias->buffer->get() : y_mem;
    epilogue_ = {{}, static_cast<size_t>(n), label_ + " epilogue"};
    if (residual != nullptr) {
      ASSIGN_OR_RETURN(epilogue_.kernel, rt.CreateKernel("epilogue_residual_f32"));
      return cl::SetArgs(epilogue_.kernel, y_mem, b_mem, bias_len, residual->buffer->get(), n,
                         static_cast<int>(act_), alpha_, beta_);
    }
    ASSIGN_OR_RETURN(epilogue_.kernel, rt.CreateKernel("epilogue_f32"));
    return cl::SetArgs(epilogue_.kernel, y_mem, b_mem, bias_len, n, static_cast<int>(act_), alpha_,
                       beta_);
  }

  std::string label_;
  std::string activation_name_;
  float alpha_, beta_;
  bool bias_input_;
  std::unique_ptr<Op> inner_;
  Activation act_ = Activation::kNone;
  bool has_bias_ = false, has_residual_ = false;
  Launch epilogue_;
};

}  // namespace

void RegisterFusedOps(std::map<std::string, OpFactory>* registry) {
  (*registry)["ai.campaign.FusedConv"] = MakeFusedConv;  // conv_op.cc: epilogue in the conv
  (*registry)["ai.campaign.FusedGemm"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<FusedOp>(n, MakeGemm, "Gemm", false);
  };
  (*registry)["ai.campaign.FusedMatMul"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<FusedOp>(n, MakeMatMul, "MatMul", true);
  };
}

}  // namespace campaign::runner::ops
