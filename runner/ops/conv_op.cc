// Conv: a direct kernel for grouped/depthwise convolution, GEMM on the input
// for 1x1/stride-1/no-pad, im2col + GEMM for the rest; bias added after.
//
// The GEMM paths cover the whole batch in one strided-batched CLBlast call
// (weights shared, stride 0); im2col unfolds as many images at once as fit
// in kIm2colWorkspaceCap, so large batches run in a few chunks.
#include <algorithm>

#include "runner/ops/attributes.h"
#include "runner/ops/clblast_gemm.h"
#include "runner/ops/factories.h"
#include "runner/ops/spatial_attrs.h"
#include "runner/reference/conv.h"

namespace campaign::runner::ops {
namespace {

// Upper bound on the im2col workspace; at least one image is unfolded.
constexpr size_t kIm2colWorkspaceCap = size_t{256} << 20;

class ConvOp : public Op {
 public:
  explicit ConvOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
    for (const auto& t : in) {
      if (t.present) RETURN_IF_ERROR(RequireFloat(label_, t, "an input"));
    }
    const Shape& w = in[1].shape;
    if (w.size() != 4) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": weight " + ShapeToString(w) +
                                                       " is not 4-D; only 2-D Conv is supported");
    }
    ASSIGN_OR_RETURN(Window2d win, ParseWindow2d(node_, in[0].shape, {w[2], w[3]}));
    p_ = {win.kernel_h,
          win.kernel_w,
          win.stride_h,
          win.stride_w,
          win.pad_top,
          win.pad_left,
          win.pad_bottom,
          win.pad_right,
          win.dilation_h,
          win.dilation_w,
          GetInt(node_, "group", 1)};
    auto y = reference::Conv2dOutputShape(in[0].shape, w, p_);
    if (!y.ok()) return y.status().WithContext(label_);
    has_bias_ = in.size() > 2 && in[2].present;
    if (has_bias_ && in[2].shape != Shape{w[0]}) {
      return Status::Error(Reason::kInvalidModel, label_ + ": bias " + ShapeToString(in[2].shape) +
                                                      " should be [" + std::to_string(w[0]) + "]");
    }
    x_ = in[0].shape;
    y_ = *y;
    return std::vector<TensorInfo>{{true, DType::kFloat32, y_, nullptr}};
  }

  size_t WorkspaceBytes() const override {
    if (Path() != kIm2col) return 0;
    return ImagesPerChunk() * ColBytesPerImage();
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    x_mem_ = in[0].buffer->get();
    w_mem_ = in[1].buffer->get();
    y_mem_ = out[0].buffer->get();
    ws_mem_ = ws ? ws->get() : nullptr;
    cl_mem bias = has_bias_ ? in[2].buffer->get() : w_mem_;
    if (Path() == kDirect) {
      ASSIGN_OR_RETURN(
          dims_, UploadInts(rt, {x_[0], x_[1], x_[2], x_[3], y_[1], y_[2], y_[3], p_.kernel_h,
                                 p_.kernel_w, p_.stride_h, p_.stride_w, p_.pad_top, p_.pad_left,
                                 p_.dilation_h, p_.dilation_w, p_.group}));
      Launch l{{}, static_cast<size_t>(NumElements(y_)), label_};
      ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel("conv2d_direct_f32"));
      RETURN_IF_ERROR(
          cl::SetArgs(l.kernel, x_mem_, w_mem_, bias, has_bias_ ? 1 : 0, y_mem_, dims_.get()));
      direct_ = std::move(l);
      return Status::Ok();
    }
    if (Path() == kIm2col) {
      ASSIGN_OR_RETURN(im2col_, rt.CreateKernel("im2col_f32"));
      std::vector<int64_t> a{x_[1],         x_[2],       x_[3],      p_.kernel_h, p_.kernel_w,
                             p_.stride_h,   p_.stride_w, p_.pad_top, p_.pad_left, p_.dilation_h,
                             p_.dilation_w, y_[2],       y_[3]};
      for (size_t i = 0; i < a.size(); ++i) {
        ASSIGN_OR_RETURN(int v, ToInt(a[i], label_));
        RETURN_IF_ERROR(cl::SetArg(im2col_, static_cast<cl_uint>(3 + i), v));
      }
      RETURN_IF_ERROR(cl::SetArg(im2col_, 0, x_mem_));
      RETURN_IF_ERROR(cl::SetArg(im2col_, 2, ws_mem_));
    }
    if (has_bias_) {
      bias_.items = static_cast<size_t>(NumElements(y_));
      bias_.what = label_ + " bias";
      ASSIGN_OR_RETURN(bias_.kernel, rt.CreateKernel("add_bias_f32"));
      ASSIGN_OR_RETURN(int total, ToInt(NumElements(y_), label_));
      RETURN_IF_ERROR(cl::SetArgs(bias_.kernel, y_mem_, bias, static_cast<int>(y_[1]),
                                  static_cast<int>(y_[2] * y_[3]), total));
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    if (Path() == kDirect) return rt.Launch1D(direct_.kernel, direct_.items, direct_.what);
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
    if (Path() == kPointwise) {
      g.b = x_mem_;
      RETURN_IF_ERROR(EnqueueGemmStridedBatched(rt, g, 0, c * hw_in, m * hw, batch, label_));
    } else {
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
    }
    if (has_bias_) return rt.Launch1D(bias_.kernel, bias_.items, bias_.what);
    return Status::Ok();
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Conv2d(*in[0], *in[1], has_bias_ ? in[2] : nullptr, p_, out[0]);
    return Status::Ok();
  }

 private:
  enum PathKind { kDirect, kPointwise, kIm2col };
  PathKind Path() const {
    if (p_.group != 1) return kDirect;
    bool pointwise = p_.kernel_h == 1 && p_.kernel_w == 1 && p_.stride_h == 1 && p_.stride_w == 1 &&
                     p_.pad_top == 0 && p_.pad_left == 0 && p_.pad_bottom == 0 && p_.pad_right == 0;
    return pointwise ? kPointwise : kIm2col;
  }

  size_t ColBytesPerImage() const {
    return static_cast<size_t>(x_[1] * p_.kernel_h * p_.kernel_w * y_[2] * y_[3]) * sizeof(float);
  }
  size_t ImagesPerChunk() const {
    return std::clamp<size_t>(kIm2colWorkspaceCap / ColBytesPerImage(), 1,
                              static_cast<size_t>(x_[0]));
  }

  onnx::NodeProto node_;
  std::string label_;
  reference::Conv2dParams p_;
  bool has_bias_ = false;
  Shape x_, y_;
  cl_mem x_mem_ = nullptr, w_mem_ = nullptr, y_mem_ = nullptr, ws_mem_ = nullptr;
  cl::Buffer dims_;
  Launch direct_, bias_;
  cl::Kernel im2col_;
};

}  // namespace

std::unique_ptr<Op> MakeConv(const onnx::NodeProto& n) { return std::make_unique<ConvOp>(n); }

}  // namespace campaign::runner::ops
