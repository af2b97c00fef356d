#include "graph/reference/pool.h"

#include <algorithm>
#include <cmath>
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

Result<Shape> PoolNdOutputShape(const Shape& x, PoolNdParams* p) {
  if (x.size() < 3 || x.size() > 5) {
    return Status::Error(Reason::kInvalidModel,
                         "pooling input " + ShapeToString(x) + ": rank 3 to 5 is supported");
  }
  const Window3d& w = p->win;
  p->planes = x[0] * x[1];
  p->in = Spatial3(x);
  Shape y{x[0], x[1]};
  for (size_t d = 0; d < 3; ++d) {
    p->out[d] = PoolOutputSize(p->in[d], w.kernel[d], w.stride[d], w.pad_begin[d], w.pad_end[d],
                               w.dilation[d], p->ceil_mode);
    if (p->out[d] <= 0) {
      return Status::Error(Reason::kInvalidModel,
                           "pooling window larger than the padded input " + ShapeToString(x));
    }
    if (d >= 5 - x.size()) y.push_back(p->out[d]);
  }
  return y;
}

Shape GlobalPoolNdShape(const Shape& x, PoolNdParams* p) {
  int64_t spatial = 1;
  for (size_t i = 2; i < x.size(); ++i) spatial *= x[i];
  p->win = Window3d{};
  p->win.kernel = {1, 1, spatial};
  p->ceil_mode = false;
  p->planes = x[0] * x[1];
  p->in = {1, 1, spatial};
  p->out = {1, 1, 1};
  Shape y = x;
  for (size_t i = 2; i < y.size(); ++i) y[i] = 1;
  return y;
}

void PoolNd(const HostTensor& x, const PoolNdParams& p, HostTensor* y, HostTensor* indices) {
  const Window3d& w = p.win;
  const Dims3& in = p.in;
  const Dims3& out = p.out;
  const int64_t in_size = Product3(in), out_size = Product3(out);
  auto px = x.values<float>();
  auto py = y->values<float>();
  int64_t* pi = indices ? indices->values<int64_t>().data() : nullptr;
  for (int64_t pl = 0; pl < p.planes; ++pl) {
    const float* src = px.data() + pl * in_size;
    for (int64_t o = 0; o < out_size; ++o) {
      const int64_t o3[3] = {o / (out[1] * out[2]), o / out[2] % out[1], o % out[2]};
      int64_t start[3];
      for (int d = 0; d < 3; ++d) start[d] = o3[d] * w.stride[d] - w.pad_begin[d];
      float acc = p.kind == PoolKind::kMax ? -std::numeric_limits<float>::infinity() : 0.0f;
      int64_t count = 0, best = -1;
      for (int64_t kd = 0; kd < w.kernel[0]; ++kd) {
        const int64_t id = start[0] + kd * w.dilation[0];
        if (id < 0 || id >= in[0]) continue;
        for (int64_t kh = 0; kh < w.kernel[1]; ++kh) {
          const int64_t ih = start[1] + kh * w.dilation[1];
          if (ih < 0 || ih >= in[1]) continue;
          for (int64_t kw = 0; kw < w.kernel[2]; ++kw) {
            const int64_t iw = start[2] + kw * w.dilation[2];
            if (iw < 0 || iw >= in[2]) continue;
            const float v = src[(id * in[1] + ih) * in[2] + iw];
            ++count;
            if (p.kind == PoolKind::kMax) {
              if (v > acc || best < 0) {
                acc = std::max(acc, v);
                best = p.column_major_indices ? id + in[0] * (ih + in[1] * iw)
                                              : (id * in[1] + ih) * in[2] + iw;
              }
            } else if (p.kind == PoolKind::kAverage) {
              acc += v;
            } else {
              acc += p.p == 2.0f ? v * v : std::pow(std::fabs(v), p.p);
            }
          }
        }
      }
      if (p.kind == PoolKind::kAverage) {
        if (p.count_include_pad) {
          count = 1;
          for (int d = 0; d < 3; ++d) {
            count *= std::min(start[d] + w.kernel[d], in[d] + w.pad_end[d]) - start[d];
          }
        }
        acc = count > 0 ? acc / static_cast<float>(count) : 0.0f;
      } else if (p.kind == PoolKind::kLp) {
        acc = p.p == 2.0f ? std::sqrt(acc) : std::pow(acc, 1.0f / p.p);
      }
      py[pl * out_size + o] = acc;
      if (pi) pi[pl * out_size + o] = pl * in_size + std::max<int64_t>(best, 0);
    }
  }
}

void MaxPoolNdInt8(const HostTensor& x, const PoolNdParams& p, HostTensor* y, HostTensor* indices) {
  // int8 and uint8 values are exact in float: the float maximum is theirs.
  const bool is_signed = x.dtype() == DType::kInt8;
  HostTensor xf(DType::kFloat32, x.shape()), yf(DType::kFloat32, y->shape());
  auto fx = xf.values<float>();
  for (int64_t i = 0; i < x.size(); ++i) {
    fx[i] = is_signed ? static_cast<float>(x.values<int8_t>()[i])
                      : static_cast<float>(x.values<uint8_t>()[i]);
  }
  PoolNd(xf, p, &yf, indices);
  auto fy = yf.values<float>();
  const float lowest = is_signed ? -128.0f : 0.0f;
  for (int64_t i = 0; i < y->size(); ++i) {
    const float v = std::max(fy[i], lowest);  // -inf: a window of padding alone
    if (is_signed) {
      y->values<int8_t>()[i] = static_cast<int8_t>(v);
    } else {
      y->values<uint8_t>()[i] = static_cast<uint8_t>(v);
    }
  }
}

}  // namespace campaign::graph::reference
