// ConvTranspose: the device class (reference class: graph/ops/conv_transpose.h),
// one conv_transpose_f32 launch over the output (gather form, bias built in).
#include "graph/ops/conv_transpose.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

using graph::reference::Dims3;
using graph::reference::Spatial3;

class ConvTransposeDevice final : public graph::ConvTransposeOp, public DeviceOp {
 public:
  using ConvTransposeOp::ConvTransposeOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Dims3 xi = Spatial3(x_), yo = Spatial3(y_);
    const auto& w = p_.win;
    // Indices inside the kernel are 32-bit.
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(x_), label_).status());
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(in[1].shape), label_).status());
    ASSIGN_OR_RETURN(int total, graph::ToInt(graph::NumElements(y_), label_));
    ASSIGN_OR_RETURN(dims_,
                     UploadInts(rt, {x_[0],          x_[1],          xi[0],         xi[1],
                                     xi[2],          y_[1],          yo[0],         yo[1],
                                     yo[2],          w.kernel[0],    w.kernel[1],   w.kernel[2],
                                     w.stride[0],    w.stride[1],    w.stride[2],   w.pad_begin[0],
                                     w.pad_begin[1], w.pad_begin[2], w.dilation[0], w.dilation[1],
                                     w.dilation[2],  p_.group}));
    launch_ = {{}, static_cast<size_t>(total), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("conv_transpose_f32"));
    cl_mem w_mem = in[1].buffer->get();
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), w_mem,
                       has_bias_ ? in[2].buffer->get() : w_mem, has_bias_ ? 1 : 0,
                       out[0].buffer->get(), dims_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer dims_;
  Launch launch_;
};

}  // namespace

void RegisterConvTransposeDeviceOps(graph::OpTable* table) {
  (*table)["ConvTranspose"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ConvTransposeDevice>(n);
  };
}

}  // namespace campaign::runner::ops
