// RoiAlign: the device class, one roi_align_f32 launch over the output.
#include "graph/ops/roi_align.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class RoiAlignDevice final : public graph::RoiAlignOp, public DeviceOp {
 public:
  using RoiAlignOp::RoiAlignOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(x), label_).status());
    launch_ = {{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("roi_align_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       in[2].buffer->get(), out[0].buffer->get(), n, static_cast<int>(x[0]),
                       static_cast<int>(x[1]), static_cast<int>(x[2]), static_cast<int>(x[3]),
                       static_cast<int>(p_.out_h), static_cast<int>(p_.out_w),
                       static_cast<int>(p_.sampling_ratio), p_.spatial_scale, p_.half_pixel ? 1 : 0,
                       p_.max_mode ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterRoiAlignDeviceOps(graph::OpTable* table) {
  (*table)["RoiAlign"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<RoiAlignDevice>(n);
  };
}

}  // namespace campaign::runner::ops
