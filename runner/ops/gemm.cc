// Gemm and MatMul through CLBlast (batched MatMul: one strided-batched call
// when the batches sit at uniform strides, else one GemmBatched call): the
// device classes (reference classes: graph/ops/gemm.h).
#include "graph/ops/gemm.h"

#include "graph/reference/elementwise.h"
#include "runner/ops/clblast_gemm.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

namespace reference = graph::reference;

// True when offsets[i] = offsets[0] + i * stride for a stride >= 0 (stored
// in *stride).
bool UniformStride(const std::vector<int64_t>& offsets, size_t* stride) {
  if (offsets.size() < 2 || offsets[1] < offsets[0]) return false;
  const int64_t s = offsets[1] - offsets[0];
  for (size_t i = 2; i < offsets.size(); ++i) {
    if (offsets[i] - offsets[i - 1] != s) return false;
  }
  *stride = static_cast<size_t>(s);
  return true;
}

class GemmDevice final : public graph::GemmOp, public DeviceOp {
 public:
  using GemmOp::GemmOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& a = in[0].shape;
    const Shape& b = in[1].shape;
    const Shape& y = out[0].shape;
    g_.trans_a = p_.trans_a;
    g_.trans_b = p_.trans_b;
    g_.m = static_cast<size_t>(y[0]);
    g_.n = static_cast<size_t>(y[1]);
    g_.k = static_cast<size_t>(p_.trans_a ? a[0] : a[1]);
    g_.alpha = p_.alpha;
    g_.a = in[0].buffer->get();
    g_.b = in[1].buffer->get();
    g_.c = out[0].buffer->get();
    g_.lda = static_cast<size_t>(a[1]);
    g_.ldb = static_cast<size_t>(b[1]);
    g_.ldc = g_.n;
    use_c_ = has_c_ && p_.beta != 0.0f;
    g_.beta = use_c_ ? 1.0f : 0.0f;
    if (use_c_) {
      auto s = reference::BroadcastStrides(in[2].shape, y);
      bias_ = {{}, g_.m * g_.n, label_ + " bias"};
      ASSIGN_OR_RETURN(bias_.kernel, rt.CreateKernel("gemm_bias_f32"));
      RETURN_IF_ERROR(cl::SetArgs(bias_.kernel, g_.c, in[2].buffer->get(), static_cast<int>(g_.m),
                                  static_cast<int>(g_.n), static_cast<int>(s[0]),
                                  static_cast<int>(s[1]), p_.beta));
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    if (use_c_) RETURN_IF_ERROR(rt.Launch1D(bias_.kernel, bias_.items, bias_.what));
    return EnqueueGemm(rt, g_, label_);
  }

 private:
  bool use_c_ = false;
  GemmCall g_;
  Launch bias_;
};

class MatMulDevice final : public graph::MatMulOp, public DeviceOp {
 public:
  using MatMulOp::MatMulOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    plan_ = reference::PlanMatMul(in[0].shape, in[1].shape);
    a_ = in[0].buffer->get();
    b_ = in[1].buffer->get();
    y_ = out[0].buffer->get();
    // A shared 2-D B: the batches of A are consecutive rows of one GEMM.
    bool shared_b = true;
    for (int64_t off : plan_.b_offsets) shared_b = shared_b && off == 0;
    bool contiguous_a = true;
    for (size_t i = 0; i < plan_.a_offsets.size(); ++i) {
      contiguous_a =
          contiguous_a && plan_.a_offsets[i] == static_cast<int64_t>(i) * plan_.m * plan_.k;
    }
    if (shared_b && contiguous_a && plan_.y_offsets.size() > 1) {
      plan_.m *= static_cast<int64_t>(plan_.y_offsets.size());
      plan_.a_offsets = {0};
      plan_.b_offsets = {0};
      plan_.y_offsets = {0};
    }
    strided_ = plan_.y_offsets.size() > 1 && UniformStride(plan_.a_offsets, &a_stride_) &&
               UniformStride(plan_.b_offsets, &b_stride_) &&
               UniformStride(plan_.y_offsets, &y_stride_);
    a_offsets_.assign(plan_.a_offsets.begin(), plan_.a_offsets.end());
    b_offsets_.assign(plan_.b_offsets.begin(), plan_.b_offsets.end());
    y_offsets_.assign(plan_.y_offsets.begin(), plan_.y_offsets.end());
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    GemmCall g;
    g.m = static_cast<size_t>(plan_.m);
    g.n = static_cast<size_t>(plan_.n);
    g.k = static_cast<size_t>(plan_.k);
    g.a = a_;
    g.b = b_;
    g.c = y_;
    g.lda = g.k;
    g.ldb = g.n;
    g.ldc = g.n;
    if (plan_.y_offsets.empty() || g.m == 0 || g.n == 0) return Status::Ok();
    g.a_offset = static_cast<size_t>(plan_.a_offsets[0]);
    g.b_offset = static_cast<size_t>(plan_.b_offsets[0]);
    g.c_offset = static_cast<size_t>(plan_.y_offsets[0]);
    if (strided_) {
      // Attention-style batches ([B, H, S, D] x [B, H, D, S]): one strided
      // batched call, which (unlike GemmBatched) uploads no offset arrays.
      return EnqueueGemmStridedBatched(rt, g, a_stride_, b_stride_, y_stride_,
                                       plan_.y_offsets.size(), label_);
    }
    if (plan_.y_offsets.size() > 1) {
      // Irregular broadcast batches: one batched CLBlast call with offsets.
      return EnqueueGemmBatched(rt, g, a_offsets_, b_offsets_, y_offsets_, label_);
    }
    return EnqueueGemm(rt, g, label_);
  }

 private:
  reference::MatMulBatches plan_;
  std::vector<size_t> a_offsets_, b_offsets_, y_offsets_;
  bool strided_ = false;
  size_t a_stride_ = 0, b_stride_ = 0, y_stride_ = 0;
  cl_mem a_ = nullptr, b_ = nullptr, y_ = nullptr;
};

}  // namespace

void RegisterGemmDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["Gemm"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<GemmDevice>(n);
  };
  t["MatMul"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<MatMulDevice>(n);
  };
}

}  // namespace campaign::runner::ops
