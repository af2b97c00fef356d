// Unique: the device class (runner/kernels/unique.cl): one work item finds,
// sorts and writes the uniques and the count, into a small buffer of the
// op's read back by ReadOutputShapes.
#include "graph/ops/unique.h"

#include <algorithm>
#include <memory>

#include "graph/reference/axes.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class UniqueDevice final : public graph::UniqueOp, public DeviceOp {
 public:
  using UniqueOp::UniqueOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    const graph::reference::AxisSplit split = graph::reference::SplitAtAxisOrFlat(x, axis_);
    const int64_t outer = split.outer, extent = split.extent, inner = split.inner;
    ASSIGN_OR_RETURN(int o, graph::ToInt(outer, label_));
    ASSIGN_OR_RETURN(int e, graph::ToInt(extent, label_));
    ASSIGN_OR_RETURN(ws_, rt.CreateBuffer(std::max<size_t>(1, 5 * static_cast<size_t>(e)) * 4));
    ASSIGN_OR_RETURN(count_, rt.CreateBuffer(sizeof(int)));
    // Absent outputs bind a buffer the kernel never writes.
    cl_mem bound[4];
    size_t j = 0;
    shapes_.clear();
    for (int i = 0; i < 4; ++i) {
      bound[i] = present_[i] && j < out.size() ? out[j].buffer->get() : count_.get();
      if (present_[i] && j < out.size()) shapes_.push_back(out[j++].shape);
    }
    ASSIGN_OR_RETURN(kernel_,
                     rt.CreateKernel(in[0].dtype == DType::kFloat32 ? "unique_f32" : "unique_i64"));
    return cl::SetArgs(kernel_, in[0].buffer->get(), o, e, static_cast<long>(inner),
                       sorted_ ? 1 : 0, ws_.get(), bound[0], bound[1], bound[2], bound[3],
                       present_[0] ? 1 : 0, present_[1] ? 1 : 0, present_[2] ? 1 : 0,
                       present_[3] ? 1 : 0, count_.get());
  }

  Status Enqueue(cl::Runtime& rt) override { return rt.Launch1D(kernel_, 1, label_); }

  Result<std::vector<Shape>> ReadOutputShapes(cl::Runtime& rt) override {
    int c = 0;
    RETURN_IF_ERROR(rt.Read(count_, &c, sizeof(c)));
    std::vector<Shape> shapes;
    size_t j = 0;
    for (int i = 0; i < 4; ++i) {
      if (!present_[i]) continue;
      Shape s = shapes_[j++];
      if (i == 0) {
        s[axis_ >= 0 ? axis_ : 0] = c;
      } else if (i != 2) {
        s = {c};
      }
      shapes.push_back(s);
    }
    return shapes;
  }

 private:
  std::vector<Shape> shapes_;  // the present outputs' upper bounds
  cl::Buffer ws_, count_;
  cl::Kernel kernel_;
};

}  // namespace

void RegisterUniqueDeviceOps(graph::OpTable* table) {
  (*table)["Unique"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<UniqueDevice>(n);
  };
}

}  // namespace campaign::runner::ops
