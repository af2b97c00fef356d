#include "graph/reference/conv.h"

#include <algorithm>
#include <memory>
#include <string>

#include "graph/reference/parallel.h"
#include "graph/reference/sgemm.h"

namespace campaign::graph::reference {
namespace {

// Sizes of one convolution, taken from the shapes once.
struct ConvDims {
  int64_t n_batch, c_in, h, w;  // x
  int64_t m, oh, ow;            // y
  int64_t cg, mg;               // input / output channels per group
};

ConvDims DimsOf(const Shape& xs, const Shape& ys, const Conv2dParams& p) {
  return {xs[0], xs[1], xs[2], xs[3], ys[1], ys[2], ys[3], xs[1] / p.group, ys[1] / p.group};
}

// Output columns [lo, hi) whose input column c * stride + offset lies in
// [0, width); offset = kernel tap * dilation - pad.
void ValidColumns(int64_t offset, int64_t stride, int64_t width, int64_t out_w, int64_t* lo,
                  int64_t* hi) {
  *lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  int64_t last = width - 1 - offset;  // largest c * stride allowed
  *hi = last < 0 ? 0 : std::min(out_w, last / stride + 1);
  *lo = std::min(*lo, *hi);
}

// One output row: dst[c] += wv * in_row[c * stride + offset] for the valid c.
void AccumulateRow(const float* in_row, int64_t offset, int64_t stride, int64_t width, float wv,
                   int64_t out_w, float* dst) {
  int64_t lo, hi;
  ValidColumns(offset, stride, width, out_w, &lo, &hi);
  if (stride == 1) {
    for (int64_t c = lo; c < hi; ++c) dst[c] += wv * in_row[c + offset];
  } else {
    for (int64_t c = lo; c < hi; ++c) dst[c] += wv * in_row[c * stride + offset];
  }
}

// group == channels: each output plane reads one input plane, too little
// work for a matrix product. Row by row so the row being summed stays in L1;
// the sum runs bias, then taps in (kh, kw) order, as a naive loop does.
void DepthwiseConv(const float* x, const float* wt, const float* bias, const Conv2dParams& p,
                   const ConvDims& d, float* y) {
  const int64_t taps = p.kernel_h * p.kernel_w;
  ParallelFor(d.n_batch * d.m, taps * d.oh * d.ow, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; ++item) {
      const int64_t n = item / d.m, oc = item % d.m;
      const float* in = x + (n * d.c_in + oc / d.mg) * d.h * d.w;
      const float* wo = wt + oc * taps;
      float* out = y + item * d.oh * d.ow;
      for (int64_t r = 0; r < d.oh; ++r) {
        float* dst = out + r * d.ow;
        std::fill(dst, dst + d.ow, bias ? bias[oc] : 0.0f);
        for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
          const int64_t ih = r * p.stride_h - p.pad_top + kh * p.dilation_h;
          if (ih < 0 || ih >= d.h) continue;
          for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
            AccumulateRow(in + ih * d.w, kw * p.dilation_w - p.pad_left, p.stride_w, d.w,
                          wo[kh * p.kernel_w + kw], d.ow, dst);
          }
        }
      }
    }
  });
}

// cols[(ic * KH + kh) * KW + kw][r * OW + c] = x[ic][ih][iw] (0 in the
// padding): the [K, OH*OW] operand of one group's product.
void Im2Col(const float* x, const Conv2dParams& p, const ConvDims& d, float* cols) {
  const int64_t taps = p.kernel_h * p.kernel_w, n_cols = d.oh * d.ow;
  ParallelFor(d.cg * taps, n_cols, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const int64_t ic = row / taps, kh = row % taps / p.kernel_w, kw = row % p.kernel_w;
      const float* in = x + ic * d.h * d.w;
      const int64_t offset = kw * p.dilation_w - p.pad_left;
      int64_t lo, hi;
      ValidColumns(offset, p.stride_w, d.w, d.ow, &lo, &hi);
      float* dst = cols + row * n_cols;
      for (int64_t r = 0; r < d.oh; ++r, dst += d.ow) {
        const int64_t ih = r * p.stride_h - p.pad_top + kh * p.dilation_h;
        if (ih < 0 || ih >= d.h) {
          std::fill(dst, dst + d.ow, 0.0f);
          continue;
        }
        const float* src = in + ih * d.w;
        std::fill(dst, dst + lo, 0.0f);
        for (int64_t c = lo; c < hi; ++c) dst[c] = src[c * p.stride_w + offset];
        std::fill(dst + hi, dst + d.ow, 0.0f);
      }
    }
  });
}

bool IsPointwise(const Conv2dParams& p) {
  return p.kernel_h == 1 && p.kernel_w == 1 && p.stride_h == 1 && p.stride_w == 1 &&
         p.pad_top == 0 && p.pad_left == 0 && p.pad_bottom == 0 && p.pad_right == 0;
}

// y[n, g] = W[g] [mg, K] * cols [K, OH*OW] (+ bias), one (batch, group) at
// a time, the product's tiles in parallel.
void GemmConv(const float* x, const float* wt, const float* bias, const Conv2dParams& p,
              const ConvDims& d, float* y) {
  const int64_t k = d.cg * p.kernel_h * p.kernel_w, n_cols = d.oh * d.ow;
  const bool pointwise = IsPointwise(p);  // x itself is the [cg, H*W] operand
  std::unique_ptr<float[]> cols(pointwise ? nullptr : new float[static_cast<size_t>(k * n_cols)]);
  SgemmShape s{.m = d.mg, .n = n_cols, .k = k, .beta = bias ? 1.0f : 0.0f};
  for (int64_t n = 0; n < d.n_batch; ++n) {
    for (int64_t g = 0; g < p.group; ++g) {
      const float* in = x + (n * d.c_in + g * d.cg) * d.h * d.w;
      if (!pointwise) Im2Col(in, p, d, cols.get());
      float* out = y + (n * d.m + g * d.mg) * n_cols;
      if (bias) {
        for (int64_t oc = 0; oc < d.mg; ++oc) {
          std::fill(out + oc * n_cols, out + (oc + 1) * n_cols, bias[g * d.mg + oc]);
        }
      }
      SgemmOperands o{.a = wt + g * d.mg * k,
                      .lda = k,
                      .b = pointwise ? in : cols.get(),
                      .ldb = n_cols,
                      .c = out,
                      .ldc = n_cols};
      ParallelSgemm(s, std::span(&o, 1));
    }
  }
}

}  // namespace

Result<Shape> Conv2dOutputShape(const Shape& x, const Shape& w, const Conv2dParams& p) {
  auto bad = [&](const std::string& why) {
    return Status::Error(Reason::kInvalidModel, "Conv with input " + ShapeToString(x) +
                                                    " and weight " + ShapeToString(w) + ": " + why);
  };
  if (x.size() != 4 || w.size() != 4) return bad("only 2-D convolution (rank 4) is supported");
  if (p.group <= 0 || x[1] % p.group != 0 || w[0] % p.group != 0) {
    return bad("group " + std::to_string(p.group) + " does not divide the channels");
  }
  if (w[1] * p.group != x[1]) return bad("weight channels * group != input channels");
  if (w[2] != p.kernel_h || w[3] != p.kernel_w) return bad("kernel_shape disagrees with weight");
  int64_t eh = (p.kernel_h - 1) * p.dilation_h + 1;
  int64_t ew = (p.kernel_w - 1) * p.dilation_w + 1;
  int64_t oh = (x[2] + p.pad_top + p.pad_bottom - eh) / p.stride_h + 1;
  int64_t ow = (x[3] + p.pad_left + p.pad_right - ew) / p.stride_w + 1;
  if (oh <= 0 || ow <= 0) return bad("the kernel is larger than the padded input");
  return Shape{x[0], w[0], oh, ow};
}

void Conv2d(const HostTensor& x, const HostTensor& w, const HostTensor* bias, const Conv2dParams& p,
            HostTensor* y) {
  const ConvDims d = DimsOf(x.shape(), y->shape(), p);
  const float* pb = bias ? bias->values<float>().data() : nullptr;
  const float* px = x.values<float>().data();
  const float* pw = w.values<float>().data();
  float* py = y->values<float>().data();
  if (d.cg == 1 && p.group > 1) {
    DepthwiseConv(px, pw, pb, p, d, py);
  } else {
    GemmConv(px, pw, pb, p, d, py);
  }
}

Result<Shape> ConvNdOutputShape(const Shape& x, const Shape& w, const Window3d& win,
                                int64_t group) {
  auto bad = [&](const std::string& why) {
    return Status::Error(Reason::kInvalidModel, "Conv with input " + ShapeToString(x) +
                                                    " and weight " + ShapeToString(w) + ": " + why);
  };
  if (x.size() < 3 || x.size() > 5 || w.size() != x.size()) {
    return bad("ranks must be equal and 3 to 5");
  }
  if (group <= 0 || x[1] % group != 0 || w[0] % group != 0) {
    return bad("group " + std::to_string(group) + " does not divide the channels");
  }
  if (w[1] * group != x[1]) return bad("weight channels * group != input channels");
  if (Spatial3(w) != win.kernel) return bad("kernel_shape disagrees with weight");
  const Dims3 in = Spatial3(x);
  Shape y{x[0], w[0]};
  for (size_t d = 5 - x.size(); d < 3; ++d) {
    const int64_t extent = (win.kernel[d] - 1) * win.dilation[d] + 1;
    const int64_t o = (in[d] + win.pad_begin[d] + win.pad_end[d] - extent) / win.stride[d] + 1;
    if (in[d] + win.pad_begin[d] + win.pad_end[d] < extent || o <= 0) {
      return bad("the kernel is larger than the padded input");
    }
    y.push_back(o);
  }
  return y;
}

void ConvNd(const HostTensor& x, const HostTensor& w, const HostTensor* bias, const Window3d& win,
            int64_t group, HostTensor* y) {
  const Shape& xs = x.shape();
  const Shape& ys = y->shape();
  const Dims3 in = Spatial3(xs), out = Spatial3(ys);
  const Dims3& k = win.kernel;
  const int64_t c_in = xs[1], m = ys[1], cg = c_in / group, mg = m / group;
  const int64_t in_size = Product3(in), out_size = Product3(out), taps = Product3(k);
  const float* px = x.values<float>().data();
  const float* pw = w.values<float>().data();
  const float* pb = bias ? bias->values<float>().data() : nullptr;
  float* py = y->values<float>().data();
  ParallelFor(xs[0] * m, out_size * cg * taps, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; ++item) {
      const int64_t n = item / m, oc = item % m, g = oc / mg;
      float* dst = py + item * out_size;
      for (int64_t o = 0; o < out_size; ++o) {
        const int64_t o3[3] = {o / (out[1] * out[2]), o / out[2] % out[1], o % out[2]};
        float acc = pb ? pb[oc] : 0.0f;
        for (int64_t icl = 0; icl < cg; ++icl) {
          const float* src = px + (n * c_in + g * cg + icl) * in_size;
          const float* wk = pw + (oc * cg + icl) * taps;
          for (int64_t kd = 0; kd < k[0]; ++kd) {
            const int64_t id = o3[0] * win.stride[0] - win.pad_begin[0] + kd * win.dilation[0];
            if (id < 0 || id >= in[0]) continue;
            for (int64_t kh = 0; kh < k[1]; ++kh) {
              const int64_t ih = o3[1] * win.stride[1] - win.pad_begin[1] + kh * win.dilation[1];
              if (ih < 0 || ih >= in[1]) continue;
              for (int64_t kw = 0; kw < k[2]; ++kw) {
                const int64_t iw = o3[2] * win.stride[2] - win.pad_begin[2] + kw * win.dilation[2];
                if (iw < 0 || iw >= in[2]) continue;
                acc += src[(id * in[1] + ih) * in[2] + iw] * wk[(kd * k[1] + kh) * k[2] + kw];
              }
            }
          }
        }
        dst[o] = acc;
      }
    }
  });
}

}  // namespace campaign::graph::reference
