// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss: the device class
// (softmax_f32 in log mode over the class axis, then nll_f32).
#include "graph/ops/loss.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

using graph::reference::LossReduction;

class LossDevice final : public graph::LossOp, public DeviceOp {
 public:
  using LossOp::LossOp;

  size_t WorkspaceBytes() const override { return softmax_ && !log_prob_out_ ? ws_ : 0; }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    const Shape& x = in[0].shape;
    int64_t inner = graph::NumElements(x) / (x[0] * x[1]);
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

 private:
  std::vector<Launch> launches_;
};

}  // namespace

void RegisterLossDeviceOps(graph::OpTable* table) {
  (*table)["NegativeLogLikelihoodLoss"] =
      [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LossDevice>(n, false);
  };
  (*table)["SoftmaxCrossEntropyLoss"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LossDevice>(n, true);
  };
}

}  // namespace campaign::runner::ops
