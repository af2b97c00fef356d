// Resize: the device class, a plain weighted gather (resize_f32) over the
// reference's per-dim tap tables.
#include "graph/ops/resize.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class ResizeDevice final : public graph::ResizeOp, public DeviceOp {
 public:
  using ResizeOp::ResizeOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& ys = out[0].shape;
    std::vector<int64_t> meta(ys.begin(), ys.end());
    auto xs = graph::ContiguousStrides(in[0].shape);
    meta.insert(meta.end(), xs.begin(), xs.end());
    meta.insert(meta.end(), tables_.offset.begin(), tables_.offset.end());
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    std::vector<int64_t> idx(tables_.index.begin(), tables_.index.end());
    idx.push_back(0);
    ASSIGN_OR_RETURN(index_, UploadInts(rt, idx));
    size_t wb = (tables_.weight.size() + 1) * sizeof(float);
    ASSIGN_OR_RETURN(weight_, rt.CreateBuffer(wb));
    if (!tables_.weight.empty()) {
      RETURN_IF_ERROR(
          rt.Write(weight_, tables_.weight.data(), tables_.weight.size() * sizeof(float), true));
    }
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("resize_f32"));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(ys), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(ys.size()), tables_.taps, meta_.get(), index_.get(),
                       weight_.get(), p_.extrapolation);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_, index_, weight_;
  Launch launch_;
};

}  // namespace

void RegisterResizeDeviceOps(graph::OpTable* table) {
  (*table)["Resize"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ResizeDevice>(n);
  };
  (*table)["Upsample"] = (*table)["Resize"];
}

}  // namespace campaign::runner::ops
