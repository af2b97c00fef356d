// DynamicQuantizeLinear, MatMulInteger, QLinearMatMul, ConvInteger and
// QLinearConv: the device classes (reference classes: graph/ops/
// quant_linear.h). Kernels: runner/kernels/quant_linear.cl (and
// quantize_u8 of quantize.cl for DynamicQuantizeLinear's y). Scales and zero
// points are read on the device, so they may be computed tensors.
#include "graph/ops/quant_linear.h"

#include <algorithm>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

// An optional input's buffer, else `fallback` (the kernel does not read it).
cl_mem BufferOr(const std::vector<DeviceTensor>& in, int i, const DeviceTensor& fallback) {
  if (i >= 0 && i < static_cast<int>(in.size()) && in[i].buffer) return in[i].buffer->get();
  return fallback.buffer->get();
}

int Flags(DType a, DType b, DType y, bool qlinear, bool bias) {
  return (a == DType::kInt8 ? 1 : 0) | (b == DType::kInt8 ? 2 : 0) | (y == DType::kInt8 ? 4 : 0) |
         (qlinear ? 8 : 0) | (bias ? 16 : 0);
}

class DynamicQuantizeDevice final : public graph::DynamicQuantizeOp, public DeviceOp {
 public:
  using DynamicQuantizeOp::DynamicQuantizeOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(in[0].shape), label_));
    Launch range, quant;
    ASSIGN_OR_RETURN(range.kernel, rt.CreateKernel("quant_linear_range"));
    range.items = 1;
    range.what = label_;
    RETURN_IF_ERROR(cl::SetArgs(range.kernel, in[0].buffer->get(), n, out[1].buffer->get(),
                                out[2].buffer->get()));
    ASSIGN_OR_RETURN(quant.kernel, rt.CreateKernel("quantize_u8"));
    quant.items = static_cast<size_t>(n);
    quant.what = label_;
    RETURN_IF_ERROR(cl::SetArgs(quant.kernel, in[0].buffer->get(), out[1].buffer->get(),
                                out[2].buffer->get(), out[0].buffer->get(), n, std::max(n, 1), 1,
                                1));
    launches_.clear();
    launches_.push_back(std::move(range));
    if (n > 0) launches_.push_back(std::move(quant));
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

 private:
  std::vector<Launch> launches_;
};

class QMatMulDevice final : public graph::QMatMulOp, public DeviceOp {
 public:
  using QMatMulOp::QMatMulOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const auto& d = dims_;
    ASSIGN_OR_RETURN(int total, graph::ToInt(d.batch * d.m * d.n, label_));
    ASSIGN_OR_RETURN(int m, graph::ToInt(d.m, label_));
    ASSIGN_OR_RETURN(int k, graph::ToInt(d.k, label_));
    ASSIGN_OR_RETURN(int n, graph::ToInt(d.n, label_));
    // Offsets up to batch * stride must fit the kernel's ints.
    RETURN_IF_ERROR(graph::ToInt(d.a_batch_stride * d.batch, label_).status());
    RETURN_IF_ERROR(graph::ToInt(d.b_batch_stride * d.batch, label_).status());
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("quant_linear_matmul"));
    launch_.items = static_cast<size_t>(total);
    launch_.what = label_;
    const DeviceTensor& a = in[a_];
    return cl::SetArgs(launch_.kernel, a.buffer->get(), in[b_].buffer->get(),
                       BufferOr(in, a_zp_, a), BufferOr(in, b_zp_, a), BufferOr(in, a_scale_, a),
                       BufferOr(in, b_scale_, a), BufferOr(in, y_scale_, a), BufferOr(in, y_zp_, a),
                       out[0].buffer->get(), static_cast<int>(d.batch), m, k, n,
                       static_cast<int>(d.a_batch_stride), static_cast<int>(d.b_batch_stride),
                       static_cast<int>(a_zp_count_), static_cast<int>(b_zp_count_),
                       static_cast<int>(a_scale_count_), static_cast<int>(b_scale_count_),
                       Flags(a.dtype, in[b_].dtype, y_type_, qlinear_, false));
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

class QConvDevice final : public graph::QConvOp, public DeviceOp {
 public:
  using QConvOp::QConvOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = x_shape_;
    const Shape& w = w_shape_;
    const Shape& y = y_shape_;
    ASSIGN_OR_RETURN(int total, graph::ToInt(graph::NumElements(y), label_));
    ASSIGN_OR_RETURN(
        dims_buf_, UploadInts(rt, {x[1], x[2], x[3], w[0], w[1], w[2], w[3], y[2], y[3],
                                   p_.stride_h, p_.stride_w, p_.pad_top, p_.pad_left, p_.dilation_h,
                                   p_.dilation_w, p_.group}));
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("quant_linear_conv"));
    launch_.items = static_cast<size_t>(total);
    launch_.what = label_;
    const DeviceTensor& xt = in[x_];
    const bool has_xzp = x_zp_ < static_cast<int>(in.size()) && in[x_zp_].buffer;
    const bool has_bias = bias_ >= 0 && bias_ < static_cast<int>(in.size()) && in[bias_].buffer;
    return cl::SetArgs(launch_.kernel, xt.buffer->get(), in[w_].buffer->get(),
                       BufferOr(in, x_zp_, xt), BufferOr(in, w_zp_, xt), BufferOr(in, x_scale_, xt),
                       BufferOr(in, w_scale_, xt), BufferOr(in, y_scale_, xt),
                       BufferOr(in, y_zp_, xt), BufferOr(in, bias_, xt), out[0].buffer->get(),
                       dims_buf_.get(), total, has_xzp ? 1 : 0, static_cast<int>(w_zp_count_),
                       static_cast<int>(w_scale_count_),
                       Flags(xt.dtype, in[w_].dtype, y_type_, qlinear_, has_bias));
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
  cl::Buffer dims_buf_;
};

}  // namespace

void RegisterQuantLinearDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["DynamicQuantizeLinear"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<DynamicQuantizeDevice>(n);
  };
  t["MatMulInteger"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<QMatMulDevice>(n, false);
  };
  t["QLinearMatMul"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<QMatMulDevice>(n, true);
  };
  t["ConvInteger"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<QConvDevice>(n, false);
  };
  t["QLinearConv"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<QConvDevice>(n, true);
  };
}

}  // namespace campaign::runner::ops
