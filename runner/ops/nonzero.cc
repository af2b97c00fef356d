// NonZero and Compress: the device classes (runner/kernels/nonzero.cl). A
// one-work-item scan writes the count into a small buffer of the op's, read
// back by ReadOutputShapes; Compress then gathers its slices in parallel.
#include "graph/ops/nonzero.h"

#include <algorithm>
#include <memory>

#include "graph/reference/axes.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

bool IsFloat(DType t) {
  return t == DType::kFloat32 || t == DType::kFloat64 || t == DType::kFloat16 ||
         t == DType::kBFloat16;
}

Result<int> ReadCount(cl::Runtime& rt, const cl::Buffer& count) {
  int c = 0;
  RETURN_IF_ERROR(rt.Read(count, &c, sizeof(c)));
  return c;
}

class NonZeroDevice final : public graph::NonZeroOp, public DeviceOp {
 public:
  using NonZeroOp::NonZeroOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    rank_ = static_cast<int64_t>(in[0].shape.size());
    Shape dims = in[0].shape;
    if (dims.empty()) dims.push_back(1);
    ASSIGN_OR_RETURN(dims_, UploadInts(rt, dims));
    ASSIGN_OR_RETURN(count_, rt.CreateBuffer(sizeof(int)));
    ASSIGN_OR_RETURN(kernel_, rt.CreateKernel("nonzero_scan"));
    const long n = static_cast<long>(graph::NumElements(in[0].shape));
    return cl::SetArgs(kernel_, in[0].buffer->get(), n,
                       static_cast<int>(graph::DTypeSize(in[0].dtype)),
                       IsFloat(in[0].dtype) ? 1 : 0, out[0].buffer->get(), static_cast<int>(rank_),
                       dims_.get(), count_.get());
  }

  Status Enqueue(cl::Runtime& rt) override { return rt.Launch1D(kernel_, 1, label_); }

  Result<std::vector<Shape>> ReadOutputShapes(cl::Runtime& rt) override {
    ASSIGN_OR_RETURN(int c, ReadCount(rt, count_));
    return std::vector<Shape>{{rank_, c}};
  }

 private:
  int64_t rank_ = 0;
  cl::Buffer dims_, count_;
  cl::Kernel kernel_;
};

class CompressDevice final : public graph::CompressOp, public DeviceOp {
 public:
  using CompressOp::CompressOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    const graph::reference::AxisSplit split = graph::reference::SplitAtAxisOrFlat(x, axis_);
    const int64_t outer = split.outer, extent = split.extent, inner = split.inner;
    out_shape_ = out[0].shape;  // the upper bound
    ASSIGN_OR_RETURN(int len, graph::ToInt(bound_, label_));
    ASSIGN_OR_RETURN(int o, graph::ToInt(outer, label_));
    ASSIGN_OR_RETURN(int e, graph::ToInt(extent, label_));
    ASSIGN_OR_RETURN(idx_, rt.CreateBuffer(std::max<size_t>(1, len) * sizeof(int)));
    ASSIGN_OR_RETURN(count_, rt.CreateBuffer(sizeof(int)));
    launches_.resize(2);
    Launch& index = launches_[0];
    ASSIGN_OR_RETURN(index.kernel, rt.CreateKernel("nonzero_compress_index"));
    index.items = 1;
    index.what = label_;
    RETURN_IF_ERROR(cl::SetArgs(index.kernel, in[1].buffer->get(), len, idx_.get(), count_.get()));
    const long row = static_cast<long>(inner * graph::DTypeSize(in[0].dtype));
    Launch& gather = launches_[1];
    ASSIGN_OR_RETURN(gather.kernel, rt.CreateKernel("nonzero_compress_gather"));
    gather.items = static_cast<size_t>(outer * bound_ * row);
    gather.what = label_;
    return cl::SetArgs(gather.kernel, in[0].buffer->get(), out[0].buffer->get(), idx_.get(),
                       count_.get(), o, e, len, row);
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

  Result<std::vector<Shape>> ReadOutputShapes(cl::Runtime& rt) override {
    ASSIGN_OR_RETURN(int c, ReadCount(rt, count_));
    Shape y = out_shape_;
    y[axis_ >= 0 ? axis_ : 0] = c;
    return std::vector<Shape>{y};
  }

 private:
  Shape out_shape_;
  cl::Buffer idx_, count_;
  std::vector<Launch> launches_;  // index scan, gather
};

}  // namespace

void RegisterNonZeroDeviceOps(graph::OpTable* table) {
  (*table)["NonZero"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<NonZeroDevice>(n);
  };
  (*table)["Compress"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<CompressDevice>(n);
  };
}

}  // namespace campaign::runner::ops
