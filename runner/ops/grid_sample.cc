// GridSample: the device class, one grid_sample_f32 launch over the output.
#include "graph/ops/grid_sample.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class GridSampleDevice final : public graph::GridSampleOp, public DeviceOp {
 public:
  using GridSampleOp::GridSampleOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    const Shape& y = out[0].shape;
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(y), label_));
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(x), label_).status());
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(in[1].shape), label_).status());
    launch_ = {{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("grid_sample_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), n, static_cast<int>(x[1]), static_cast<int>(x[2]),
                       static_cast<int>(x[3]), static_cast<int>(y[2]), static_cast<int>(y[3]),
                       static_cast<int>(p_.mode), static_cast<int>(p_.padding),
                       p_.align_corners ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterGridSampleDeviceOps(graph::OpTable* table) {
  (*table)["GridSample"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<GridSampleDevice>(n);
  };
}

}  // namespace campaign::runner::ops
