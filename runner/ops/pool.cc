// MaxPool, AveragePool (pool2d kernel) and GlobalAveragePool (one work-group
// per plane, local-memory reduction): the device classes.
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
  t["GlobalAveragePool"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<GlobalAveragePoolDevice>(n);
  };
}

}  // namespace campaign::runner::ops
