// Trilu: the device class (one kernel typed by element size).
#include "graph/ops/trilu.h"

#include <algorithm>
#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class TriluDevice final : public graph::TriluOp, public DeviceOp {
 public:
  using TriluOp::TriluOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& s = in[0].shape;
    size_t es = graph::DTypeSize(in[0].dtype);
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(es == 1   ? "trilu_8"
                                                     : es == 2 ? "trilu_16"
                                                     : es == 4 ? "trilu_32"
                                                               : "trilu_64"));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(s), label_));
    int k = static_cast<int>(std::clamp<int64_t>(k_, -(1 << 30), 1 << 30));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(s[s.size() - 2]), static_cast<int>(s[s.size() - 1]), k,
                       upper_ ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterTriluDeviceOps(graph::OpTable* table) {
  (*table)["Trilu"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<TriluDevice>(n);
  };
}

}  // namespace campaign::runner::ops
