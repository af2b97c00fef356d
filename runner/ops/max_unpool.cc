// MaxUnpool: the device class (reference class: graph/ops/max_unpool.h).
// Two launches of max_unpool_f32 (runner/kernels/max_unpool.cl): zero y,
// then scatter X to the indices.
#include "graph/ops/max_unpool.h"

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class MaxUnpoolDevice final : public graph::MaxUnpoolOp, public DeviceOp {
 public:
  using MaxUnpoolOp::MaxUnpoolOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int nx, graph::ToInt(graph::NumElements(in[0].shape), label_));
    ASSIGN_OR_RETURN(int ny, graph::ToInt(graph::NumElements(out[0].shape), label_));
    const auto& p = planes_;
    ASSIGN_OR_RETURN(int in_size, graph::ToInt(p.outer * p.h * p.w, label_));
    launches_.clear();
    for (int mode = 0; mode < 2; ++mode) {
      Launch l;
      ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel("max_unpool_f32"));
      l.items = static_cast<size_t>(mode == 0 ? ny : nx);
      l.what = label_;
      RETURN_IF_ERROR(cl::SetArgs(l.kernel, in[0].buffer->get(), in[1].buffer->get(),
                                  out[0].buffer->get(), mode == 0 ? ny : nx, in_size,
                                  static_cast<int>(p.h), static_cast<int>(p.w),
                                  static_cast<int>(p.out_h), static_cast<int>(p.out_w), mode));
      if (l.items > 0) launches_.push_back(std::move(l));
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

 private:
  std::vector<Launch> launches_;
};

}  // namespace

void RegisterMaxUnpoolDeviceOps(graph::OpTable* table) {
  (*table)["MaxUnpool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<MaxUnpoolDevice>(n);
  };
}

}  // namespace campaign::runner::ops
