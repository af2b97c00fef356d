#include "graph/ops/loss.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/softmax.h"

namespace campaign::graph {

using reference::LossReduction;

LossOp::LossOp(const onnx::NodeProto& node, bool softmax)
    : node_(node), label_(NodeLabel(node)), softmax_(softmax) {
  std::string r = GetString(node, "reduction", "mean");
  reduction_ok_ = r == "mean" || r == "sum" || r == "none";
  p_.reduction = r == "none"  ? LossReduction::kNone
                 : r == "sum" ? LossReduction::kSum
                              : LossReduction::kMean;
  p_.has_ignore = HasAttribute(node, "ignore_index");
  p_.ignore_index = GetInt(node, "ignore_index", 0);
}

Result<std::vector<TensorInfo>> LossOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
  if (!reduction_ok_) return Status::Error(Reason::kInvalidModel, label_ + ": bad reduction");
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  if (in[1].dtype != DType::kInt64) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": targets must be int64");
  }
  const Shape& x = in[0].shape;
  has_w_ = in.size() > 2 && in[2].present;
  Shape t(x.begin(), x.end());
  if (x.size() >= 2) t.erase(t.begin() + 1);
  if (x.size() < 2 || in[1].shape != t || (has_w_ && in[2].shape != Shape{x[1]})) {
    return Status::Error(Reason::kInvalidModel, label_ + ": inconsistent input shapes");
  }
  log_prob_out_ = softmax_ && node_.output_size() > 1 && !node_.output(1).empty();
  ws_ = static_cast<size_t>(NumElements(x)) * sizeof(float);
  std::vector<TensorInfo> out{
      {true, DType::kFloat32, p_.reduction == LossReduction::kNone ? t : Shape{}, nullptr}};
  if (log_prob_out_) out.push_back({true, DType::kFloat32, x, nullptr});
  return out;
}

Status LossOp::RunReference(const std::vector<const HostTensor*>& in,
                            const std::vector<HostTensor*>& out) {
  const HostTensor* scores = in[0];
  HostTensor lp;
  if (softmax_) {
    lp = HostTensor(DType::kFloat32, in[0]->shape());
    reference::Softmax(*in[0], 1, &lp, reference::SoftmaxMode::kLogSoftmax);
    scores = &lp;
  }
  Status st = reference::NllLoss(*scores, *in[1], has_w_ ? in[2] : nullptr, p_, out[0]);
  if (!st.ok()) return st.WithContext(label_);
  if (log_prob_out_) *out[1] = std::move(lp);
  return Status::Ok();
}

void RegisterLossOps(OpTable* table) {
  (*table)["NegativeLogLikelihoodLoss"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LossOp>(n, false);
  };
  (*table)["SoftmaxCrossEntropyLoss"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LossOp>(n, true);
  };
}

}  // namespace campaign::graph
