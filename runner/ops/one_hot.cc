// OneHot: the device class (one kernel typed by the values' element size
// and the index type, runner/kernels/one_hot.cl).
#include "graph/ops/one_hot.h"

#include <memory>
#include <string>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class OneHotDevice final : public graph::OneHotOp, public DeviceOp {
 public:
  using OneHotOp::OneHotOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& is = in[0].shape;
    int64_t inner = 1;
    for (size_t d = axis_; d < is.size(); ++d) inner *= is[d];
    DType it = in[0].dtype;
    std::string name = std::string("one_hot_") +
                       (graph::DTypeSize(in[2].dtype) == 4 ? "32" : "64") +
                       (it == DType::kFloat32 ? "_f32"
                        : it == DType::kInt32 ? "_i32"
                                              : "_i64");
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    ASSIGN_OR_RETURN(int depth, graph::ToInt(depth_, label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[2].buffer->get(),
                       out[0].buffer->get(), n, depth, static_cast<int>(inner == 0 ? 1 : inner));
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterOneHotDeviceOps(graph::OpTable* table) {
  (*table)["OneHot"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<OneHotDevice>(n);
  };
}

}  // namespace campaign::runner::ops
