// LRN: the device class, one lrn_f32 launch over the elements.
#include "graph/ops/lrn.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class LrnDevice final : public graph::LrnOp, public DeviceOp {
 public:
  using LrnOp::LrnOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(x), label_));
    const int64_t nc = x[0] * x[1];
    const int inner = nc == 0 ? 0 : static_cast<int>(n / nc);
    const int lo = static_cast<int>((p_.size - 1) / 2);
    const int hi = static_cast<int>(p_.size - 1 - lo);
    launch_ = {{}, static_cast<size_t>(n), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("lrn_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(x[1]), inner, lo, hi,
                       p_.alpha / static_cast<float>(p_.size), p_.beta, p_.bias);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterLrnDeviceOps(graph::OpTable* table) {
  (*table)["LRN"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LrnDevice>(n);
  };
}

}  // namespace campaign::runner::ops
