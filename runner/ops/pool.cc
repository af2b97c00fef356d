// MaxPool, AveragePool (pool2d_f32 for 2-D windows without Indices,
// poolnd_f32 for the rest; poolnd_max_8 for int8/uint8 MaxPool), LpPool,
// GlobalMaxPool, GlobalLpPool (poolnd_f32)
// and GlobalAveragePool (one work-group per plane, local-memory reduction):
// the device classes.
#include "graph/ops/pool.h"

#include <algorithm>

#include "runner/ops/families.h"
#include "runner/ops/group_launch.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

using graph::reference::PoolKind;

class PoolDevice final : public graph::PoolOp, public DeviceOp {
 public:
  using PoolOp::PoolOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    if (nd_) return PrepareNd(rt, in, out);
    const Shape& x = in[0].shape;
    const Shape& y = out[0].shape;
    ASSIGN_OR_RETURN(
        dims_, UploadInts(rt, {x[0] * x[1], x[2], x[3], y[2], y[3], p_.kernel_h, p_.kernel_w,
                               p_.stride_h, p_.stride_w, p_.pad_top, p_.pad_left, p_.pad_bottom,
                               p_.pad_right, p_.dilation_h, p_.dilation_w,
                               static_cast<int64_t>(p_.kind), p_.count_include_pad ? 1 : 0}));
    launch_ = {{}, static_cast<size_t>(graph::NumElements(y)), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("pool2d_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), dims_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Status PrepareNd(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                   const std::vector<DeviceTensor>& out) {
    const auto& w = q_.win;
    // Indices inside the kernel are 32-bit (the Indices output is 64-bit).
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(in[0].shape), label_).status());
    ASSIGN_OR_RETURN(int total, graph::ToInt(graph::NumElements(out[0].shape), label_));
    ASSIGN_OR_RETURN(dims_, UploadInts(rt, {q_.planes,
                                            q_.in[0],
                                            q_.in[1],
                                            q_.in[2],
                                            q_.out[0],
                                            q_.out[1],
                                            q_.out[2],
                                            w.kernel[0],
                                            w.kernel[1],
                                            w.kernel[2],
                                            w.stride[0],
                                            w.stride[1],
                                            w.stride[2],
                                            w.pad_begin[0],
                                            w.pad_begin[1],
                                            w.pad_begin[2],
                                            w.pad_end[0],
                                            w.pad_end[1],
                                            w.pad_end[2],
                                            w.dilation[0],
                                            w.dilation[1],
                                            w.dilation[2],
                                            static_cast<int64_t>(q_.kind),
                                            q_.count_include_pad ? 1 : 0,
                                            q_.column_major_indices ? 1 : 0}));
    launch_ = {{}, static_cast<size_t>(total), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(int8_ ? "poolnd_max_8" : "poolnd_f32"));
    cl_mem y_mem = out[0].buffer->get();
    cl_mem idx_mem = has_indices_ ? out[1].buffer->get() : y_mem;
    if (int8_) {
      return cl::SetArgs(launch_.kernel, in[0].buffer->get(), y_mem, idx_mem, has_indices_ ? 1 : 0,
                         dims_.get(), in[0].dtype == DType::kInt8 ? 1 : 0);
    }
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), y_mem, idx_mem, has_indices_ ? 1 : 0,
                       dims_.get(), q_.p);
  }

  cl::Buffer dims_;
  Launch launch_;
};

class GlobalAveragePoolDevice final : public graph::GlobalAveragePoolOp, public DeviceOp {
 public:
  using GlobalAveragePoolOp::GlobalAveragePoolOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    ASSIGN_OR_RETURN(int planes, graph::ToInt(x[0] * x[1], label_));
    ASSIGN_OR_RETURN(
        int hw, graph::ToInt(graph::NumElements(x) / std::max<int64_t>(x[0] * x[1], 1), label_));
    // One work-group per plane: 256 work items, fewer (down to 32) for small
    // planes so that few items idle; a power of two.
    local_ = 32;
    while (local_ < 256 && local_ < static_cast<size_t>(hw) && local_ * 2 <= MaxWorkGroupSize(rt)) {
      local_ *= 2;
    }
    while (local_ > 1 && local_ > MaxWorkGroupSize(rt)) local_ /= 2;
    launch_ = {{}, static_cast<size_t>(planes), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("global_avg_pool_f32"));
    RETURN_IF_ERROR(cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), hw));
    return SetLocalArg(launch_.kernel, 3, local_ * sizeof(float));
  }

  Status Enqueue(cl::Runtime& rt) override {
    return LaunchGroups(rt, launch_.kernel, launch_.items, local_, launch_.what);
  }

 private:
  Launch launch_;
  size_t local_ = 64;  // work items per plane, a power of two
};

}  // namespace

void RegisterPoolDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["MaxPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<PoolDevice>(n, PoolKind::kMax);
  };
  t["AveragePool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<PoolDevice>(n, PoolKind::kAverage);
  };
  t["LpPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<PoolDevice>(n, PoolKind::kLp);
  };
  t["GlobalMaxPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<PoolDevice>(n, PoolKind::kMax, true);
  };
  t["GlobalLpPool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<PoolDevice>(n, PoolKind::kLp, true);
  };
  t["GlobalAveragePool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<GlobalAveragePoolDevice>(n);
  };
}

}  // namespace campaign::runner::ops
