// BatchNormalization (inference): the device class, one batch_norm_f32
// launch that reads the four per-channel vectors from device buffers, so
// constant and computed statistics take the same path.
#include "graph/ops/batch_norm.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class BatchNormDevice final : public graph::BatchNormOp, public DeviceOp {
 public:
  using BatchNormOp::BatchNormOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(x), label_));
    ASSIGN_OR_RETURN(int channels, graph::ToInt(x[1], label_));
    const int64_t planes = x[0] * x[1];
    const int inner = planes > 0 ? static_cast<int>(n / planes) : 1;
    launch_ = {{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("batch_norm_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       in[2].buffer->get(), in[3].buffer->get(), in[4].buffer->get(),
                       out[0].buffer->get(), n, channels, inner, epsilon_);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterBatchNormDeviceOps(graph::OpTable* table) {
  (*table)["BatchNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<BatchNormDevice>(n);
  };
}

}  // namespace campaign::runner::ops
