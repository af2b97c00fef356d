#include "graph/reference/quant_linear_conv.h"

namespace campaign::graph::reference {

void QConv2d(const HostTensor& x, const HostTensor& w, const Conv2dParams& p, const QConvParams& q,
             HostTensor* y) {
  const Shape& xs = x.shape();
  const Shape& ws = w.shape();
  const Shape& ys = y->shape();
  const int64_t n_batch = xs[0], c_in = xs[1], h = xs[2], wd = xs[3];
  const int64_t m_out = ws[0], cg = ws[1], kh = ws[2], kw = ws[3];
  const int64_t oh = ys[2], ow = ys[3];
  const int64_t mg = m_out / p.group;
  const int32_t zx = ZeroPointAt(q.x_zp, 0);
  const float sx = q.qlinear ? ScaleAt(q.x_scale, 0) : 1.0f;
  const float sy = q.qlinear ? ScaleAt(q.y_scale, 0) : 1.0f;
  const int32_t zy = q.qlinear ? ZeroPointAt(q.y_zp, 0) : 0;
  for (int64_t n = 0; n < n_batch; ++n) {
    for (int64_t m = 0; m < m_out; ++m) {
      const int64_t g = m / mg;
      const int32_t zw = ZeroPointAt(q.w_zp, m);
      const int32_t b = q.bias ? IntAt(*q.bias, m) : 0;
      const float mult = q.qlinear ? sx * ScaleAt(q.w_scale, m) / sy : 1.0f;
      for (int64_t oy = 0; oy < oh; ++oy) {
        for (int64_t ox = 0; ox < ow; ++ox) {
          int32_t acc = b;
          for (int64_t c = 0; c < cg; ++c) {
            const int64_t ci = g * cg + c;
            for (int64_t ky = 0; ky < kh; ++ky) {
              const int64_t iy = oy * p.stride_h - p.pad_top + ky * p.dilation_h;
              if (iy < 0 || iy >= h) continue;
              for (int64_t kx = 0; kx < kw; ++kx) {
                const int64_t ix = ox * p.stride_w - p.pad_left + kx * p.dilation_w;
                if (ix < 0 || ix >= wd) continue;
                const int32_t xv = IntAt(x, ((n * c_in + ci) * h + iy) * wd + ix) - zx;
                const int32_t wv = IntAt(w, ((m * cg + c) * kh + ky) * kw + kx) - zw;
                acc += xv * wv;
              }
            }
          }
          const int64_t o = ((n * m_out + m) * oh + oy) * ow + ox;
          if (!q.qlinear) {
            y->values<int32_t>()[o] = acc;
          } else if (y->dtype() == DType::kInt8) {
            y->values<int8_t>()[o] = static_cast<int8_t>(Requantize(acc, mult, zy, DType::kInt8));
          } else {
            y->values<uint8_t>()[o] =
                static_cast<uint8_t>(Requantize(acc, mult, zy, DType::kUInt8));
          }
        }
      }
    }
  }
}

}  // namespace campaign::graph::reference
