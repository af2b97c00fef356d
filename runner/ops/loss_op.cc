// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (LogSoftmax over the
// class axis, then NLL).
#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/loss.h"
#include "graph/reference/shape_ops.h"

namespace campaign::runner::ops {
namespace {

using reference::LossReduction;

class LossOp : public Op {
 public:
  LossOp(const onnx::NodeProto& node, bool softmax)
      : node_(node), label_(NodeLabel(node)), softmax_(softmax) {
    std::string r = GetString(node, "reduction", "mean");
    reduction_ok_ = r == "mean" || r == "sum" || r == "none";
    p_.reduction = r == "none"  ? LossReduction::kNone
                   : r == "sum" ? LossReduction::kSum
                                : LossReduction::kMean;
    p_.has_ignore = HasAttribute(node, "ignore_index");
    p_.ignore_index = GetInt(node, "ignore_index", 0);
  }

  size_t WorkspaceBytes() const override { return softmax_ && !log_prob_out_ ? ws_ : 0; }

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
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

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    const Shape& x = in[0].shape;
    int64_t inner = NumElements(x) / (x[0] * x[1]);
    launches_.clear();
    cl_mem scores = in[0].buffer->get();
    if (softmax_) {
      cl_mem lp = log_prob_out_ ? out[1].buffer->get() : ws->get();
      Launch l{{}, static_cast<size_t>(x[0] * inner), label_ + " LogSoftmax"};
      ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel("softmax_f32"));
      RETURN_IF_ERROR(cl::SetArgs(l.kernel, scores, lp, static_cast<int>(x[0]),
                                  static_cast<int>(x[1]), static_cast<int>(inner), 1));
      launches_.push_back(std::move(l));
      scores = lp;
    }
    Launch l{
        {}, p_.reduction == LossReduction::kNone ? static_cast<size_t>(x[0] * inner) : 1, label_};
    ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel("nll_f32"));
    cl_long ignore = p_.ignore_index;
    RETURN_IF_ERROR(cl::SetArgs(l.kernel, scores, in[1].buffer->get(),
                                (has_w_ ? in[2] : in[0]).buffer->get(), out[0].buffer->get(),
                                static_cast<int>(x[0]), static_cast<int>(x[1]),
                                static_cast<int>(inner), has_w_ ? 1 : 0, p_.has_ignore ? 1 : 0,
                                ignore, static_cast<int>(p_.reduction)));
    launches_.push_back(std::move(l));
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
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

 private:
  onnx::NodeProto node_;
  std::string label_;
  bool softmax_;
  bool reduction_ok_ = true, has_w_ = false, log_prob_out_ = false;
  size_t ws_ = 0;
  reference::NllParams p_;
  std::vector<Launch> launches_;
};

}  // namespace

void RegisterLossOps(std::map<std::string, OpFactory>* r) {
  (*r)["NegativeLogLikelihoodLoss"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LossOp>(n, false);
  };
  (*r)["SoftmaxCrossEntropyLoss"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<LossOp>(n, true);
  };
}

}  // namespace campaign::runner::ops
