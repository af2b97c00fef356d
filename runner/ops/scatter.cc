// ScatterND, ScatterElements, Scatter: the device classes. A strided copy of
// the data into the output, then one scatter kernel (typed by data and index
// type; runner/kernels/scatter.cl).
#include "graph/ops/scatter.h"

#include <memory>
#include <string>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

std::string TypeSuffix(DType data, DType index) {
  std::string s = data == DType::kFloat32 ? "_f32" : data == DType::kInt32 ? "_i32" : "_i64";
  return s + (index == DType::kInt64 ? "_i64" : "_i32");
}

// Launch copying `data` into `y` (same shape), the strided_copy kernel over
// one dimension; `meta` receives its parameter buffer.
Result<Launch> CopyLaunch(cl::Runtime& rt, const DeviceTensor& data, const DeviceTensor& y,
                          const std::string& what, cl::Buffer* meta) {
  size_t es = graph::DTypeSize(data.dtype);
  Launch l;
  ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel(es == 4 ? "strided_copy_32" : "strided_copy_64"));
  ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(data.shape), what));
  ASSIGN_OR_RETURN(*meta, UploadInts(rt, {n, 1, 0}));
  l.items = static_cast<size_t>(n);
  l.what = what;
  RETURN_IF_ERROR(cl::SetArgs(l.kernel, data.buffer->get(), y.buffer->get(), n, 1, meta->get()));
  return l;
}

class ScatterNDDevice final : public graph::ScatterNDOp, public DeviceOp {
 public:
  using ScatterNDOp::ScatterNDOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    launches_.clear();
    ASSIGN_OR_RETURN(Launch copy, CopyLaunch(rt, in[0], out[0], label_, &copy_meta_));
    launches_.push_back(std::move(copy));
    const Shape& ds = in[0].shape;
    int64_t k = in[1].shape.back();
    auto strides = graph::ContiguousStrides(ds);
    std::vector<int64_t> meta(ds.begin(), ds.begin() + k);
    meta.insert(meta.end(), strides.begin(), strides.begin() + k);
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    int64_t slice = 1;
    for (size_t d = k; d < ds.size(); ++d) slice *= ds[d];
    int64_t tuples = slice == 0 ? 0 : graph::NumElements(in[2].shape) / slice;
    int64_t groups = ordered_ ? 1 : tuples, per = ordered_ ? tuples : 1;
    Launch l;
    ASSIGN_OR_RETURN(l.kernel,
                     rt.CreateKernel("scatter_nd" + TypeSuffix(in[0].dtype, in[1].dtype)));
    ASSIGN_OR_RETURN(int items, graph::ToInt(groups * slice, label_));
    ASSIGN_OR_RETURN(int nt, graph::ToInt(tuples, label_));
    l.items = static_cast<size_t>(items);
    l.what = label_;
    RETURN_IF_ERROR(
        cl::SetArgs(l.kernel, out[0].buffer->get(), in[1].buffer->get(), in[2].buffer->get(),
                    static_cast<int>(groups), static_cast<int>(per), nt, static_cast<int>(k),
                    static_cast<int>(slice), static_cast<int>(reduction_), meta_.get()));
    launches_.push_back(std::move(l));
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

 private:
  cl::Buffer copy_meta_, meta_;
  std::vector<Launch> launches_;
};

class ScatterElementsDevice final : public graph::ScatterElementsOp, public DeviceOp {
 public:
  using ScatterElementsOp::ScatterElementsOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    launches_.clear();
    ASSIGN_OR_RETURN(Launch copy, CopyLaunch(rt, in[0], out[0], label_, &copy_meta_));
    launches_.push_back(std::move(copy));
    const Shape& us = in[2].shape;
    std::vector<int64_t> meta(us.begin(), us.end());
    auto ustrides = graph::ContiguousStrides(us);
    auto dstrides = graph::ContiguousStrides(in[0].shape);
    meta.insert(meta.end(), ustrides.begin(), ustrides.end());
    meta.insert(meta.end(), dstrides.begin(), dstrides.end());
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    int64_t n = us[axis_] == 0 ? 0 : graph::NumElements(us) / us[axis_];
    Launch l;
    ASSIGN_OR_RETURN(l.kernel,
                     rt.CreateKernel("scatter_elements" + TypeSuffix(in[0].dtype, in[1].dtype)));
    ASSIGN_OR_RETURN(int items, graph::ToInt(n, label_));
    l.items = static_cast<size_t>(items);
    l.what = label_;
    RETURN_IF_ERROR(cl::SetArgs(l.kernel, out[0].buffer->get(), in[1].buffer->get(),
                                in[2].buffer->get(), items, static_cast<int>(us.size()),
                                static_cast<int>(axis_), static_cast<int>(in[0].shape[axis_]),
                                static_cast<int>(reduction_), meta_.get()));
    launches_.push_back(std::move(l));
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

 private:
  cl::Buffer copy_meta_, meta_;
  std::vector<Launch> launches_;
};

}  // namespace

void RegisterScatterDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["ScatterND"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ScatterNDDevice>(n);
  };
  t["ScatterElements"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ScatterElementsDevice>(n, false);
  };
  t["Scatter"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ScatterElementsDevice>(n, true);
  };
}

}  // namespace campaign::runner::ops
