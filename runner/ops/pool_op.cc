// MaxPool, AveragePool (pool2d kernel) and GlobalAveragePool (one work-group
// per plane, local-memory reduction).
#include <algorithm>

#include "runner/ops/attributes.h"
#include "runner/ops/factories.h"
#include "runner/ops/group_launch.h"
#include "runner/ops/spatial_attrs.h"
#include "runner/reference/pool.h"

namespace campaign::runner::ops {
namespace {

using reference::PoolKind;

class PoolOp : public Op {
 public:
  PoolOp(const onnx::NodeProto& node, PoolKind kind)
      : node_(node), label_(NodeLabel(node)), kind_(kind) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
    if (node_.output_size() > 1 && !node_.output(1).empty()) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": the Indices output is not supported");
    }
    if (!HasAttribute(node_, "kernel_shape")) {
      return Status::Error(Reason::kInvalidModel, label_ + ": kernel_shape is required");
    }
    ASSIGN_OR_RETURN(Window2d w, ParseWindow2d(node_, in[0].shape, {0, 0}));
    p_.kind = kind_;
    p_.kernel_h = w.kernel_h;
    p_.kernel_w = w.kernel_w;
    p_.stride_h = w.stride_h;
    p_.stride_w = w.stride_w;
    p_.pad_top = w.pad_top;
    p_.pad_left = w.pad_left;
    p_.pad_bottom = w.pad_bottom;
    p_.pad_right = w.pad_right;
    p_.dilation_h = w.dilation_h;
    p_.dilation_w = w.dilation_w;
    p_.ceil_mode = GetInt(node_, "ceil_mode", 0) != 0;
    p_.count_include_pad = GetInt(node_, "count_include_pad", 0) != 0;
    auto y = reference::Pool2dOutputShape(in[0].shape, p_);
    if (!y.ok()) return y.status().WithContext(label_);
    return std::vector<TensorInfo>{{true, DType::kFloat32, *y, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    const Shape& y = out[0].shape;
    ASSIGN_OR_RETURN(
        dims_, UploadInts(rt, {x[0] * x[1], x[2], x[3], y[2], y[3], p_.kernel_h, p_.kernel_w,
                               p_.stride_h, p_.stride_w, p_.pad_top, p_.pad_left, p_.pad_bottom,
                               p_.pad_right, p_.dilation_h, p_.dilation_w,
                               static_cast<int64_t>(p_.kind), p_.count_include_pad ? 1 : 0}));
    launch_ = {{}, static_cast<size_t>(NumElements(y)), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("pool2d_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), dims_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Pool2d(*in[0], p_, out[0]);
    return Status::Ok();
  }

 private:
  onnx::NodeProto node_;
  std::string label_;
  PoolKind kind_;
  reference::Pool2dParams p_;
  cl::Buffer dims_;
  Launch launch_;
};

class GlobalAveragePoolOp : public Op {
 public:
  explicit GlobalAveragePoolOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
    if (in[0].shape.size() < 3) {
      return Status::Error(Reason::kInvalidModel, label_ + ": input " + ShapeToString(in[0].shape) +
                                                      " has no spatial dims");
    }
    Shape y = in[0].shape;
    for (size_t i = 2; i < y.size(); ++i) y[i] = 1;
    return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    ASSIGN_OR_RETURN(int planes, ToInt(x[0] * x[1], label_));
    ASSIGN_OR_RETURN(int hw, ToInt(NumElements(x) / std::max<int64_t>(x[0] * x[1], 1), label_));
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

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::GlobalAveragePool(*in[0], out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  Launch launch_;
  size_t local_ = 64;  // work items per plane, a power of two
};

}  // namespace

std::unique_ptr<Op> MakeMaxPool(const onnx::NodeProto& n) {
  return std::make_unique<PoolOp>(n, PoolKind::kMax);
}
std::unique_ptr<Op> MakeAveragePool(const onnx::NodeProto& n) {
  return std::make_unique<PoolOp>(n, PoolKind::kAverage);
}
std::unique_ptr<Op> MakeGlobalAveragePool(const onnx::NodeProto& n) {
  return std::make_unique<GlobalAveragePoolOp>(n);
}

}  // namespace campaign::runner::ops
