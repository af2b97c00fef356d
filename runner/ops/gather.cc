// Gather, GatherElements and GatherND: the device classes (kernels typed by element
// size and index type).
#include "graph/ops/gather.h"

#include <algorithm>
#include <memory>
#include <string>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class GatherDevice final : public graph::GatherOp, public DeviceOp {
 public:
  using GatherOp::GatherOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis_; ++d) outer *= x[d];
    for (size_t d = axis_ + 1; d < x.size(); ++d) inner *= x[d];
    size_t es = graph::DTypeSize(in[0].dtype);
    std::string name = std::string("gather_") +
                       (es == 1   ? "8"
                        : es == 2 ? "16"
                        : es == 4 ? "32"
                                  : "64") +
                       (in[1].dtype == DType::kInt64 ? "_i64" : "_i32");
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(err_, rt.CreateBuffer(sizeof(int)));
    int zero = 0;
    RETURN_IF_ERROR(rt.Write(err_, &zero, sizeof(int), true));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), static_cast<int>(outer), static_cast<int>(x[axis_]),
                       static_cast<int>(graph::NumElements(in[1].shape)), static_cast<int>(inner),
                       err_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer err_;
  Launch launch_;
};

class GatherElementsDevice final : public graph::GatherElementsOp, public DeviceOp {
 public:
  using GatherElementsOp::GatherElementsOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& ys = out[0].shape;
    std::vector<int64_t> meta(ys.begin(), ys.end());
    auto xs = graph::ContiguousStrides(in[0].shape);
    meta.insert(meta.end(), xs.begin(), xs.end());
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    size_t es = graph::DTypeSize(in[0].dtype);
    std::string name = std::string("gather_elements_") +
                       (es == 1   ? "8"
                        : es == 2 ? "16"
                        : es == 4 ? "32"
                                  : "64") +
                       (in[1].dtype == DType::kInt64 ? "_i64" : "_i32");
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(ys), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), n, static_cast<int>(ys.size()),
                       static_cast<int>(axis_), static_cast<int>(in[0].shape[axis_]), meta_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_;
  Launch launch_;
};

class GatherNDDevice final : public graph::GatherNDOp, public DeviceOp {
 public:
  using GatherNDOp::GatherNDOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape &ds = in[0].shape, &is = in[1].shape;
    int64_t b = batch_dims_, k = is.back();
    auto strides = graph::ContiguousStrides(ds);
    std::vector<int64_t> meta(ds.begin() + b, ds.begin() + b + k);
    meta.insert(meta.end(), strides.begin() + b, strides.begin() + b + k);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    int64_t slice = 1, batches = 1;
    for (int64_t d = 0; d < b; ++d) batches *= ds[d];
    for (size_t d = b + k; d < ds.size(); ++d) slice *= ds[d];
    int64_t tuples = graph::NumElements(is) / k;
    int64_t per_batch = batches == 0 ? 1 : std::max<int64_t>(1, tuples / batches);
    int64_t batch_stride = b == 0 ? 0 : strides[b - 1];
    size_t es = graph::DTypeSize(in[0].dtype);
    std::string name = std::string("gather_nd_") +
                       (es == 1   ? "8"
                        : es == 2 ? "16"
                        : es == 4 ? "32"
                                  : "64") +
                       (in[1].dtype == DType::kInt64 ? "_i64" : "_i32");
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    ASSIGN_OR_RETURN(int bs, graph::ToInt(batch_stride, label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), n, static_cast<int>(std::max<int64_t>(slice, 1)),
                       static_cast<int>(per_batch), bs, static_cast<int>(k), meta_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_;
  Launch launch_;
};

}  // namespace

void RegisterGatherDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["Gather"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<GatherDevice>(n);
  };
  t["GatherElements"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<GatherElementsDevice>(n);
  };
  t["GatherND"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<GatherNDDevice>(n);
  };
}

}  // namespace campaign::runner::ops
