#include "runner/reference/conv.h"

#include <algorithm>

#include "runner/reference/parallel.h"

namespace campaign::runner::reference {

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
  const Shape& xs = x.shape();
  const Shape& ys = y->shape();
  int64_t n_batch = xs[0], c_in = xs[1], h = xs[2], wd = xs[3];
  int64_t m = ys[1], oh = ys[2], ow = ys[3];
  int64_t cg = c_in / p.group, mg = m / p.group;
  auto px = x.values<float>();
  auto pw = w.values<float>();
  auto py = y->values<float>();
  ParallelFor(n_batch * m, cg * p.kernel_h * p.kernel_w * oh * ow, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; ++item) {
      const int64_t n = item / m, oc = item % m;
      float* out = py.data() + ((n * m + oc) * oh * ow);
      float b = bias ? bias->values<float>()[oc] : 0.0f;
      std::fill(out, out + oh * ow, b);
      int64_t g = oc / mg;
      for (int64_t ic = 0; ic < cg; ++ic) {
        const float* in = px.data() + ((n * c_in + g * cg + ic) * h * wd);
        for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
          for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
            float wv = pw[((oc * cg + ic) * p.kernel_h + kh) * p.kernel_w + kw];
            for (int64_t r = 0; r < oh; ++r) {
              int64_t ih = r * p.stride_h - p.pad_top + kh * p.dilation_h;
              if (ih < 0 || ih >= h) continue;
              for (int64_t c = 0; c < ow; ++c) {
                int64_t iw = c * p.stride_w - p.pad_left + kw * p.dilation_w;
                if (iw >= 0 && iw < wd) out[r * ow + c] += wv * in[ih * wd + iw];
              }
            }
          }
        }
      }
    }
  });
}

}  // namespace campaign::runner::reference
