// Shrink: the device class, one shrink_f32 launch over the elements.
#include "graph/ops/shrink.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class ShrinkDevice final : public graph::ShrinkOp, public DeviceOp {
 public:
  using ShrinkOp::ShrinkOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(in[0].shape), label_));
    launch_ = {{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("shrink_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n, lambd_, bias_);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterShrinkDeviceOps(graph::OpTable* table) {
  (*table)["Shrink"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ShrinkDevice>(n);
  };
}

}  // namespace campaign::runner::ops
