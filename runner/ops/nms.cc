// NonMaxSuppression: the device class (runner/kernels/nms.cl): one work item
// per (batch, class) selects, one concatenates and writes the count into a
// small buffer of the op's, read back by ReadOutputShapes.
#include "graph/ops/nms.h"

#include <algorithm>
#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class NmsDevice final : public graph::NmsOp, public DeviceOp {
 public:
  using NmsOp::NmsOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int classes, graph::ToInt(in[1].shape[1], label_));
    ASSIGN_OR_RETURN(int n, graph::ToInt(in[1].shape[2], label_));
    ASSIGN_OR_RETURN(int rows, graph::ToInt(in[1].shape[0] * in[1].shape[1], label_));
    const size_t slots = std::max<size_t>(1, static_cast<size_t>(rows) * n);
    ASSIGN_OR_RETURN(order_, rt.CreateBuffer(slots * sizeof(int)));
    ASSIGN_OR_RETURN(kept_, rt.CreateBuffer(slots * sizeof(int)));
    ASSIGN_OR_RETURN(counts_, rt.CreateBuffer(std::max(1, rows) * sizeof(int)));
    ASSIGN_OR_RETURN(count_, rt.CreateBuffer(sizeof(int)));
    auto given = [&](size_t i) { return in.size() > i && in[i].buffer; };
    // An absent parameter binds a buffer it never reads.
    auto buffer = [&](size_t i) { return given(i) ? in[i].buffer->get() : count_.get(); };
    launches_.resize(2);
    Launch& select = launches_[0];
    ASSIGN_OR_RETURN(select.kernel, rt.CreateKernel("nms_select"));
    select.items = static_cast<size_t>(per_class_bound_ > 0 ? rows : 0);
    select.what = label_;
    RETURN_IF_ERROR(cl::SetArgs(select.kernel, in[0].buffer->get(), in[1].buffer->get(), classes, n,
                                buffer(2), given(2) ? 1 : 0, buffer(3), given(3) ? 1 : 0, buffer(4),
                                given(4) ? 1 : 0, center_point_box_ ? 1 : 0, rows, order_.get(),
                                kept_.get(), counts_.get()));
    Launch& gather = launches_[1];
    ASSIGN_OR_RETURN(gather.kernel, rt.CreateKernel("nms_gather"));
    gather.items = 1;
    gather.what = label_;
    return cl::SetArgs(gather.kernel, kept_.get(), counts_.get(), classes, n, rows,
                       out[0].buffer->get(), count_.get());
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

  Result<std::vector<Shape>> ReadOutputShapes(cl::Runtime& rt) override {
    int c = 0;
    RETURN_IF_ERROR(rt.Read(count_, &c, sizeof(c)));
    return std::vector<Shape>{{c, 3}};
  }

 private:
  cl::Buffer order_, kept_, counts_, count_;
  std::vector<Launch> launches_;  // select, gather
};

}  // namespace

void RegisterNmsDeviceOps(graph::OpTable* table) {
  (*table)["NonMaxSuppression"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<NmsDevice>(n);
  };
}

}  // namespace campaign::runner::ops
