#include "graph/ops/conv.h"

#include <memory>
#include <optional>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/spatial_attrs.h"

namespace campaign::graph {

using reference::Activation;

ConvOp::ConvOp(const onnx::NodeProto& node, bool fused)
    : node_(node),
      label_(NodeLabel(node)),
      fused_(fused),
      activation_name_(fused ? GetString(node, "activation", "None") : "None"),
      alpha_(GetFloat(node, "activation_alpha", 0.0f)),
      beta_(GetFloat(node, "activation_beta", 0.0f)) {}

Result<std::vector<TensorInfo>> ConvOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, fused_ ? 4 : 3));
  for (const auto& t : in) {
    if (t.present) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
  }
  std::optional<Activation> act = reference::ActivationFromName(activation_name_);
  if (!act) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + ": unknown activation '" + activation_name_ +
                             "' (Relu, Clip, Sigmoid, HardSigmoid, HardSwish, Silu, Gelu, "
                             "GeluTanh, LeakyRelu or None)");
  }
  act_ = *act;
  const Shape& w = in[1].shape;
  const int64_t group = GetInt(node_, "group", 1);
  Result<Shape> y = Shape{};
  if (w.size() == 4) {
    spatial_ = 2;
    ASSIGN_OR_RETURN(Window2d win, ParseWindow2d(node_, in[0].shape, {w[2], w[3]}));
    p_ = {win.kernel_h,   win.kernel_w,  win.stride_h,   win.stride_w,   win.pad_top, win.pad_left,
          win.pad_bottom, win.pad_right, win.dilation_h, win.dilation_w, group};
    y = reference::Conv2dOutputShape(in[0].shape, w, p_);
    if (!y.ok()) return y.status().WithContext(label_);
    x_ = in[0].shape;
    w_ = w;
    y_ = *y;
  } else if (w.size() == 3 || w.size() == 5) {
    spatial_ = static_cast<int>(w.size()) - 2;
    if (in[0].shape.size() != w.size()) {
      return Status::Error(Reason::kInvalidModel, label_ + ": input " + ShapeToString(in[0].shape) +
                                                      " and weight " + ShapeToString(w) +
                                                      " differ in rank");
    }
    ASSIGN_OR_RETURN(
        win_, ParseWindow3d(node_, in[0].shape, std::vector<int64_t>(w.begin() + 2, w.end())));
    y = reference::ConvNdOutputShape(in[0].shape, w, win_, group);
    if (!y.ok()) return y.status().WithContext(label_);
    x_ = in[0].shape;
    w_ = w;
    y_ = *y;
    if (spatial_ == 1) {
      p_ = {1, win_.kernel[2],  1, win_.stride[2],   0,    win_.pad_begin[2],
            0, win_.pad_end[2], 1, win_.dilation[2], group};
      x_.insert(x_.begin() + 2, 1);
      w_.insert(w_.begin() + 2, 1);
      y_.insert(y_.begin() + 2, 1);
    }
  } else {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": weight " + ShapeToString(w) +
                                                     " is not 3-D to 5-D; only 1-D to 3-D Conv "
                                                     "is supported");
  }
  p_.group = group;
  has_bias_ = in.size() > 2 && in[2].present;
  if (has_bias_ && in[2].shape != Shape{w[0]}) {
    return Status::Error(Reason::kInvalidModel, label_ + ": bias " + ShapeToString(in[2].shape) +
                                                    " should be [" + std::to_string(w[0]) + "]");
  }
  has_residual_ = in.size() > 3 && in[3].present;
  if (has_residual_ && in[3].shape != *y) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": residual " + ShapeToString(in[3].shape) +
                             " should have the output's shape " + ShapeToString(*y));
  }
  return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
}

Status ConvOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  if (spatial_ == 2) {
    reference::Conv2d(*in[0], *in[1], has_bias_ ? in[2] : nullptr, p_, out[0]);
  } else {
    reference::ConvNd(*in[0], *in[1], has_bias_ ? in[2] : nullptr, win_, p_.group, out[0]);
  }
  if (act_ != Activation::kNone || has_residual_) {
    reference::ApplyResidualEpilogue(act_, alpha_, beta_, has_residual_ ? in[3] : nullptr, out[0]);
  }
  return Status::Ok();
}

void RegisterConvOps(OpTable* table) {
  auto& t = *table;
  t["Conv"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ConvOp>(n, false);
  };
  t["ai.campaign.FusedConv"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ConvOp>(n, true);
  };
}

}  // namespace campaign::graph
