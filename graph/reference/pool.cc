#include "graph/reference/pool.h"

#include <algorithm>
#include <limits>

namespace campaign::graph::reference {

int64_t PoolOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad_begin,
                       int64_t pad_end, int64_t dilation, bool ceil_mode) {
  int64_t span = in + pad_begin + pad_end - ((kernel - 1) * dilation + 1);
  if (span < 0) return 0;
  int64_t out = (ceil_mode ? (span + stride - 1) / stride : span / stride) + 1;
  if (ceil_mode && (out - 1) * stride >= in + pad_begin) --out;
  return out;
}

Result<Shape> Pool2dOutputShape(const Shape& x, const Pool2dParams& p) {
  if (x.size() != 4) {
    return Status::Error(Reason::kInvalidModel, "pooling input " + ShapeToString(x) +
                                                    ": only 2-D pooling (rank 4) is supported");
  }
  int64_t oh = PoolOutputSize(x[2], p.kernel_h, p.stride_h, p.pad_top, p.pad_bottom, p.dilation_h,
                              p.ceil_mode);
  int64_t ow = PoolOutputSize(x[3], p.kernel_w, p.stride_w, p.pad_left, p.pad_right, p.dilation_w,
                              p.ceil_mode);
  if (oh <= 0 || ow <= 0) {
    return Status::Error(Reason::kInvalidModel,
                         "pooling window larger than the padded input " + ShapeToString(x));
  }
  return Shape{x[0], x[1], oh, ow};
}

void Pool2d(const HostTensor& x, const Pool2dParams& p, HostTensor* y) {
  const Shape& xs = x.shape();
  const Shape& ys = y->shape();
  int64_t planes = xs[0] * xs[1], h = xs[2], w = xs[3], oh = ys[2], ow = ys[3];
  auto px = x.values<float>();
  auto py = y->values<float>();
  for (int64_t pl = 0; pl < planes; ++pl) {
    const float* in = px.data() + pl * h * w;
    for (int64_t r = 0; r < oh; ++r) {
      for (int64_t c = 0; c < ow; ++c) {
        int64_t h0 = r * p.stride_h - p.pad_top, w0 = c * p.stride_w - p.pad_left;
        float acc = p.kind == PoolKind::kMax ? -std::numeric_limits<float>::infinity() : 0.0f;
        int64_t count = 0;
        for (int64_t kh = 0; kh < p.kernel_h; ++kh) {
          int64_t ih = h0 + kh * p.dilation_h;
          if (ih < 0 || ih >= h) continue;
          for (int64_t kw = 0; kw < p.kernel_w; ++kw) {
            int64_t iw = w0 + kw * p.dilation_w;
            if (iw < 0 || iw >= w) continue;
            float v = in[ih * w + iw];
            acc = p.kind == PoolKind::kMax ? std::max(acc, v) : acc + v;
            ++count;
          }
        }
        if (p.kind == PoolKind::kAverage) {
          if (p.count_include_pad) {
            int64_t h1 = std::min(h0 + p.kernel_h, h + p.pad_bottom);
            int64_t w1 = std::min(w0 + p.kernel_w, w + p.pad_right);
            count = (h1 - h0) * (w1 - w0);
          }
          acc = count > 0 ? acc / static_cast<float>(count) : 0.0f;
        }
        py[(pl * oh + r) * ow + c] = acc;
      }
    }
  }
}

void GlobalAveragePool(const HostTensor& x, HostTensor* y) {
  const Shape& xs = x.shape();
  int64_t planes = xs[0] * xs[1];
  int64_t hw = NumElements(xs) / std::max<int64_t>(planes, 1);
  auto px = x.values<float>();
  auto py = y->values<float>();
  for (int64_t pl = 0; pl < planes; ++pl) {
    double sum = 0;
    for (int64_t i = 0; i < hw; ++i) sum += px[pl * hw + i];
    py[pl] = static_cast<float>(sum / static_cast<double>(hw));
  }
}

}  // namespace campaign::graph::reference
