// Conv and ai.campaign.FusedConv(X, W, B?, R?) = act(Conv(X, W, B) + R): the
// device class (reference class: graph/ops/conv.h).
//
// Paths (conv_plan.h): GEMM on the input for 1x1/stride-1/no-pad, an
// implicit-GEMM kernel or im2col + GEMM for the other group-1 convolutions, a
// tiled depthwise kernel, and a direct kernel for the remaining grouped
// convolutions (1-D ones as 2-D with H = 1, graph/ops/conv.h), and
// convnd_direct_f32 for 3-D ones. The implicit-GEMM and depthwise kernels have the epilogue
// built in. The GEMM paths cover
// the whole batch in one strided-batched CLBlast call (weights shared,
// stride 0; im2col unfolds as many images at once as fit in
// kIm2colWorkspaceCap) and are followed by ONE epilogue kernel (bias,
// residual, activation); the depthwise kernel has the epilogue built in.
#include "graph/ops/conv.h"

#include <algorithm>

#include "runner/ops/clblast_gemm.h"
#include "runner/ops/conv_plan.h"
#include "runner/ops/families.h"
#include "runner/ops/group_launch.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

using graph::reference::Activation;

// Upper bound on the im2col workspace; at least one image is unfolded.
constexpr size_t kIm2colWorkspaceCap = size_t{256} << 20;
// conv_implicit_gemm_f32's fixed work-group size and output tile (64 x 64).
constexpr size_t kImplicitGemmItems = 256;
constexpr int64_t kImplicitGemmTile = 64;

class ConvDevice final : public graph::ConvOp, public DeviceOp {
 public:
  using ConvOp::ConvOp;

  // The reference class's checks and shapes, then the device path
  // (conv_plan.h) for them.
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    ASSIGN_OR_RETURN(std::vector<TensorInfo> out, ConvOp::Infer(in));
    path_ = spatial_ == 3 ? ConvPath::kDirect3d
                          : ChooseConvPath(x_, w_, y_, p_, ImplicitGemmPolicyFromEnv());
    return out;
  }

  size_t WorkspaceBytes() const override {
    if (path_ != ConvPath::kIm2col) return 0;
    return ImagesPerChunk() * ColBytesPerImage();
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    x_mem_ = in[0].buffer->get();
    w_mem_ = in[1].buffer->get();
    y_mem_ = out[0].buffer->get();
    ws_mem_ = ws ? ws->get() : nullptr;
    bias_mem_ = has_bias_ ? in[2].buffer->get() : w_mem_;
    res_mem_ = has_residual_ ? in[3].buffer->get() : y_mem_;
    switch (path_) {
      case ConvPath::kDepthwise:
        return PrepareDepthwise(rt);
      case ConvPath::kImplicit:
        return PrepareImplicit(rt);
      case ConvPath::kDirect:
        RETURN_IF_ERROR(PrepareDirect(rt));
        return PrepareEpilogue(rt, /*with_bias=*/false);
      case ConvPath::kDirect3d:
        RETURN_IF_ERROR(PrepareDirect3d(rt));
        return PrepareEpilogue(rt, /*with_bias=*/false);
      case ConvPath::kIm2col:
        RETURN_IF_ERROR(PrepareIm2col(rt));
        return PrepareEpilogue(rt, has_bias_);
      case ConvPath::kPointwise:
        return PrepareEpilogue(rt, has_bias_);
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    switch (path_) {
      case ConvPath::kDepthwise:
        return LaunchGroups(rt, depthwise_, static_cast<size_t>(x_[0] * x_[1] * tile_.tiles),
                            static_cast<size_t>(tile_.th * tile_.tw), label_);
      case ConvPath::kImplicit:
        return LaunchGroups(rt, implicit_, implicit_groups_, kImplicitGemmItems, label_);
      case ConvPath::kDirect:
      case ConvPath::kDirect3d:
        RETURN_IF_ERROR(rt.Launch1D(direct_.kernel, direct_.items, direct_.what));
        break;
      case ConvPath::kPointwise:
      case ConvPath::kIm2col:
        RETURN_IF_ERROR(EnqueueGemm(rt));
        break;
    }
    if (epilogue_.items == 0) return Status::Ok();
    return rt.Launch1D(epilogue_.kernel, epilogue_.items, epilogue_.what);
  }

 private:
  Status PrepareDepthwise(cl::Runtime& rt) {
    tile_ = ChooseDepthwiseTile(p_, y_[2], y_[3], MaxWorkGroupSize(rt));
    ASSIGN_OR_RETURN(depthwise_, rt.CreateKernel("dwconv2d_f32"));
    RETURN_IF_ERROR(cl::SetArgs(depthwise_, x_mem_, w_mem_, bias_mem_, has_bias_ ? 1 : 0, res_mem_,
                                has_residual_ ? 1 : 0, y_mem_));
    const std::vector<int64_t> dims{x_[1],         x_[2],       x_[3],       y_[2],
                                    y_[3],         p_.kernel_h, p_.kernel_w, p_.stride_h,
                                    p_.stride_w,   p_.pad_top,  p_.pad_left, p_.dilation_h,
                                    p_.dilation_w, tile_.th,    tile_.tw,    tile_.tiles_w,
                                    tile_.tiles,   tile_.pth,   tile_.ptw};
    cl_uint arg = 7;
    for (int64_t v : dims) {
      ASSIGN_OR_RETURN(int i, graph::ToInt(v, label_));
      RETURN_IF_ERROR(cl::SetArg(depthwise_, arg++, i));
    }
    RETURN_IF_ERROR(cl::SetArg(depthwise_, arg++, static_cast<int>(act_)));
    RETURN_IF_ERROR(cl::SetArg(depthwise_, arg++, alpha_));
    RETURN_IF_ERROR(cl::SetArg(depthwise_, arg++, beta_));
    return SetLocalArg(depthwise_, arg, tile_.local_bytes());
  }

  Status PrepareImplicit(cl::Runtime& rt) {
    if (MaxWorkGroupSize(rt) < kImplicitGemmItems) {
      return Status::Error(Reason::kDeviceError,
                           label_ + ": the implicit-GEMM convolution needs work-groups of " +
                               std::to_string(kImplicitGemmItems) +
                               " work items; set CAMPAIGN_CONV_IMPLICIT=0 on this device");
    }
    // (c*H*W, kh*DH, kw*DW, 0) per k = (c, kh, kw): the gather's offsets.
    std::vector<int64_t> ktab;
    for (int64_t c = 0; c < x_[1]; ++c) {
      for (int64_t kh = 0; kh < p_.kernel_h; ++kh) {
        for (int64_t kw = 0; kw < p_.kernel_w; ++kw) {
          ktab.insert(ktab.end(), {c * x_[2] * x_[3], kh * p_.dilation_h, kw * p_.dilation_w, 0});
        }
      }
    }
    ASSIGN_OR_RETURN(ktab_, UploadInts(rt, ktab));
    ASSIGN_OR_RETURN(implicit_, rt.CreateKernel("conv_implicit_gemm_f32"));
    RETURN_IF_ERROR(cl::SetArgs(implicit_, x_mem_, w_mem_, bias_mem_, has_bias_ ? 1 : 0, res_mem_,
                                has_residual_ ? 1 : 0, y_mem_, ktab_.get()));
    const int64_t np = y_[0] * y_[2] * y_[3];
    const int64_t tiles_m = (y_[1] + kImplicitGemmTile - 1) / kImplicitGemmTile;
    implicit_groups_ =
        static_cast<size_t>(tiles_m * ((np + kImplicitGemmTile - 1) / kImplicitGemmTile));
    const std::vector<int64_t> dims{static_cast<int64_t>(ktab.size() / 4),
                                    x_[1],
                                    x_[2],
                                    x_[3],
                                    y_[1],
                                    y_[2],
                                    y_[3],
                                    p_.stride_h,
                                    p_.stride_w,
                                    p_.pad_top,
                                    p_.pad_left,
                                    np,
                                    tiles_m};
    cl_uint arg = 8;
    for (int64_t v : dims) {
      ASSIGN_OR_RETURN(int i, graph::ToInt(v, label_));
      RETURN_IF_ERROR(cl::SetArg(implicit_, arg++, i));
    }
    // Indices inside the kernel are 32-bit.
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(x_), label_).status());
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(y_), label_).status());
    RETURN_IF_ERROR(cl::SetArg(implicit_, arg++, static_cast<int>(act_)));
    RETURN_IF_ERROR(cl::SetArg(implicit_, arg++, alpha_));
    return cl::SetArg(implicit_, arg, beta_);
  }

  Status PrepareDirect(cl::Runtime& rt) {
    ASSIGN_OR_RETURN(dims_,
                     UploadInts(rt, {x_[0], x_[1], x_[2], x_[3], y_[1], y_[2], y_[3], p_.kernel_h,
                                     p_.kernel_w, p_.stride_h, p_.stride_w, p_.pad_top, p_.pad_left,
                                     p_.dilation_h, p_.dilation_w, p_.group}));
    direct_ = {{}, static_cast<size_t>(graph::NumElements(y_)), label_};
    ASSIGN_OR_RETURN(direct_.kernel, rt.CreateKernel("conv2d_direct_f32"));
    return cl::SetArgs(direct_.kernel, x_mem_, w_mem_, bias_mem_, has_bias_ ? 1 : 0, y_mem_,
                       dims_.get());
  }

  // x_, w_, y_ are 5-D.
  Status PrepareDirect3d(cl::Runtime& rt) {
    const auto& w = win_;
    // Indices inside the kernel are 32-bit.
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(x_), label_).status());
    RETURN_IF_ERROR(graph::ToInt(graph::NumElements(w_), label_).status());
    ASSIGN_OR_RETURN(int total, graph::ToInt(graph::NumElements(y_), label_));
    ASSIGN_OR_RETURN(dims_,
                     UploadInts(rt, {x_[0],          x_[1],          x_[2],         x_[3],
                                     x_[4],          y_[1],          y_[2],         y_[3],
                                     y_[4],          w.kernel[0],    w.kernel[1],   w.kernel[2],
                                     w.stride[0],    w.stride[1],    w.stride[2],   w.pad_begin[0],
                                     w.pad_begin[1], w.pad_begin[2], w.dilation[0], w.dilation[1],
                                     w.dilation[2],  p_.group}));
    direct_ = {{}, static_cast<size_t>(total), label_};
    ASSIGN_OR_RETURN(direct_.kernel, rt.CreateKernel("convnd_direct_f32"));
    return cl::SetArgs(direct_.kernel, x_mem_, w_mem_, bias_mem_, has_bias_ ? 1 : 0, y_mem_,
                       dims_.get());
  }

  Status PrepareIm2col(cl::Runtime& rt) {
    ASSIGN_OR_RETURN(im2col_, rt.CreateKernel("im2col_f32"));
    std::vector<int64_t> a{x_[1],         x_[2],       x_[3],      p_.kernel_h, p_.kernel_w,
                           p_.stride_h,   p_.stride_w, p_.pad_top, p_.pad_left, p_.dilation_h,
                           p_.dilation_w, y_[2],       y_[3]};
    for (size_t i = 0; i < a.size(); ++i) {
      ASSIGN_OR_RETURN(int v, graph::ToInt(a[i], label_));
      RETURN_IF_ERROR(cl::SetArg(im2col_, static_cast<cl_uint>(3 + i), v));
    }
    RETURN_IF_ERROR(cl::SetArg(im2col_, 0, x_mem_));
    return cl::SetArg(im2col_, 2, ws_mem_);
  }

  // One in-place kernel after the convolution: bias (when `with_bias`),
  // residual, activation; nothing when there is none of them.
  Status PrepareEpilogue(cl::Runtime& rt, bool with_bias) {
    if (!with_bias && !has_residual_ && act_ == Activation::kNone) return Status::Ok();
    ASSIGN_OR_RETURN(int total, graph::ToInt(graph::NumElements(y_), label_));
    // The output plane: OH * OW (OD * OH * OW for 3-D).
    ASSIGN_OR_RETURN(int hw, graph::ToInt(graph::NumElements(y_) / (y_[0] * y_[1]), label_));
    epilogue_ = {{}, static_cast<size_t>(total), label_ + " epilogue"};
    ASSIGN_OR_RETURN(epilogue_.kernel, rt.CreateKernel("conv_epilogue_f32"));
    return cl::SetArgs(epilogue_.kernel, y_mem_, bias_mem_, with_bias ? 1 : 0, res_mem_,
                       has_residual_ ? 1 : 0, static_cast<int>(y_[1]), hw, total,
                       static_cast<int>(act_), alpha_, beta_);
  }

  Status EnqueueGemm(cl::Runtime& rt) {
    const size_t batch = static_cast<size_t>(x_[0]);
    const size_t c = static_cast<size_t>(x_[1]), hw_in = static_cast<size_t>(x_[2] * x_[3]);
    const size_t m = static_cast<size_t>(y_[1]), hw = static_cast<size_t>(y_[2] * y_[3]);
    const size_t k = c * static_cast<size_t>(p_.kernel_h * p_.kernel_w);
    GemmCall g;
    g.m = m;
    g.n = hw;
    g.k = k;
    g.a = w_mem_;
    g.lda = k;
    g.c = y_mem_;
    g.ldc = hw;
    g.ldb = hw;
    if (path_ == ConvPath::kPointwise) {
      g.b = x_mem_;
      return EnqueueGemmStridedBatched(rt, g, 0, c * hw_in, m * hw, batch, label_);
    }
    const size_t chunk = ImagesPerChunk();
    g.b = ws_mem_;
    for (size_t n0 = 0; n0 < batch; n0 += chunk) {
      const size_t count = std::min(chunk, batch - n0);
      const size_t items = count * k * hw;
      RETURN_IF_ERROR(cl::SetArg(im2col_, 1, static_cast<int>(n0)));
      RETURN_IF_ERROR(cl::SetArg(im2col_, 16, static_cast<int>(items)));
      RETURN_IF_ERROR(rt.Launch1D(im2col_, items, label_ + " im2col"));
      g.c_offset = n0 * m * hw;
      RETURN_IF_ERROR(EnqueueGemmStridedBatched(rt, g, 0, k * hw, m * hw, count, label_));
    }
    return Status::Ok();
  }

  size_t ColBytesPerImage() const {
    return static_cast<size_t>(x_[1] * p_.kernel_h * p_.kernel_w * y_[2] * y_[3]) * sizeof(float);
  }
  size_t ImagesPerChunk() const {
    return std::clamp<size_t>(kIm2colWorkspaceCap / ColBytesPerImage(), 1,
                              static_cast<size_t>(x_[0]));
  }

  ConvPath path_ = ConvPath::kIm2col;
  DepthwiseTile tile_;
  cl_mem x_mem_ = nullptr, w_mem_ = nullptr, y_mem_ = nullptr, ws_mem_ = nullptr;
  cl_mem bias_mem_ = nullptr, res_mem_ = nullptr;
  cl::Buffer dims_, ktab_;
  Launch direct_, epilogue_;
  cl::Kernel im2col_, depthwise_, implicit_;
  size_t implicit_groups_ = 0;
};

}  // namespace

void RegisterConvDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["Conv"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ConvDevice>(n, false);
  };
  t["ai.campaign.FusedConv"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ConvDevice>(n, true);
  };
}

}  // namespace campaign::runner::ops
