// LpNormalization: the device class, one lp_norm_f32 launch over the lines
// along the axis.
#include "graph/ops/lp_norm.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class LpNormDevice final : public graph::LpNormOp, public DeviceOp {
 public:
  using LpNormOp::LpNormOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(in[0].shape), label_).status());
    ASSIGN_OR_RETURN(int lines, graph::ToInt(outer_ * inner_, label_));
    launch_ = {{}, static_cast<size_t>(lines), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("lp_norm_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), lines,
                       static_cast<int>(extent_), static_cast<int>(inner_), p_);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterLpNormDeviceOps(graph::OpTable* table) {
  (*table)["LpNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LpNormDevice>(n);
  };
}

}  // namespace campaign::runner::ops
