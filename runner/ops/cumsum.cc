// CumSum: the device class (one kernel typed by element type; one work item
// per line, runner/kernels/cumsum.cl).
#include "graph/ops/cumsum.h"

#include <algorithm>
#include <memory>

#include "graph/reference/axes.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class CumSumDevice final : public graph::CumSumOp, public DeviceOp {
 public:
  using CumSumOp::CumSumOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    auto s = graph::reference::SplitAtAxis(in[0].shape, axis_);
    DType t = in[0].dtype;
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(t == DType::kFloat32 ? "cumsum_f32"
                                                     : t == DType::kInt32 ? "cumsum_i32"
                                                                          : "cumsum_i64"));
    ASSIGN_OR_RETURN(int rows, graph::ToInt(s.outer * s.inner, label_));
    ASSIGN_OR_RETURN(int n, graph::ToInt(s.extent, label_));
    ASSIGN_OR_RETURN(int inner, graph::ToInt(s.inner, label_));
    launch_.items = static_cast<size_t>(s.extent == 0 ? 0 : rows);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), rows, n,
                       std::max(inner, 1), exclusive_ ? 1 : 0, reverse_ ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterCumSumDeviceOps(graph::OpTable* table) {
  (*table)["CumSum"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<CumSumDevice>(n);
  };
}

}  // namespace campaign::runner::ops
