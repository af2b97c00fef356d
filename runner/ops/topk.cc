// TopK: the device class (one kernel typed by value type; one work item per
// row, runner/kernels/topk.cl).
#include "graph/ops/topk.h"

#include <algorithm>
#include <memory>

#include "graph/reference/axes.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class TopKDevice final : public graph::TopKOp, public DeviceOp {
 public:
  using TopKOp::TopKOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    auto s = graph::reference::SplitAtAxis(in[0].shape, axis_);
    DType t = in[0].dtype;
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(t == DType::kFloat32 ? "topk_f32"
                                                     : t == DType::kInt32 ? "topk_i32"
                                                                          : "topk_i64"));
    ASSIGN_OR_RETURN(int rows, graph::ToInt(k_ == 0 ? 0 : s.outer * s.inner, label_));
    ASSIGN_OR_RETURN(int n, graph::ToInt(s.extent, label_));
    ASSIGN_OR_RETURN(int inner, graph::ToInt(s.inner, label_));
    ASSIGN_OR_RETURN(int k, graph::ToInt(k_, label_));
    launch_.items = static_cast<size_t>(rows);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(),
                       out[1].buffer->get(), rows, n, std::max(inner, 1), k, largest_ ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterTopKDeviceOps(graph::OpTable* table) {
  (*table)["TopK"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<TopKDevice>(n);
  };
}

}  // namespace campaign::runner::ops
