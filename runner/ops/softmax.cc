// Softmax, LogSoftmax and Hardmax: the device class (softmax_f32, or one
// work group per row for a last-axis Softmax).
#include "graph/ops/softmax.h"

#include <memory>

#include "graph/reference/axes.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

namespace reference = graph::reference;
using reference::SoftmaxMode;

class SoftmaxDevice final : public graph::SoftmaxOp, public DeviceOp {
 public:
  using SoftmaxOp::SoftmaxOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    auto s = reference::SplitAtAxis(in[0].shape, axis_);
    if (mode_ == reference::SoftmaxMode::kSoftmax && s.inner == 1) {
      // The last axis (attention scores): one work group per row.
      launch_ = {{}, static_cast<size_t>(s.outer) * 64, label_};
      ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("softmax_rows_f32"));
      return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(),
                         static_cast<int>(s.outer), static_cast<int>(s.extent), 1.0f);
    }
    launch_ = {{}, static_cast<size_t>(s.outer * s.inner), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("softmax_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(),
                       static_cast<int>(s.outer), static_cast<int>(s.extent),
                       static_cast<int>(s.inner), static_cast<int>(mode_));
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterSoftmaxDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["Softmax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<SoftmaxDevice>(n, SoftmaxMode::kSoftmax);
  };
  t["LogSoftmax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<SoftmaxDevice>(n, SoftmaxMode::kLogSoftmax);
  };
  t["Hardmax"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<SoftmaxDevice>(n, SoftmaxMode::kHardmax);
  };
}

}  // namespace campaign::runner::ops
