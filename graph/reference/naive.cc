#include "graph/reference/naive.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

#include "graph/reference/elementwise.h"
#include "graph/validation.h"

namespace campaign::graph::reference::naive {

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
  for (int64_t item = 0; item < n_batch * m; ++item) {
    const int64_t n = item / m, oc = item % m;
    float* out = py.data() + ((n * m + oc) * oh * ow);
    std::fill(out, out + oh * ow, bias ? bias->values<float>()[oc] : 0.0f);
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
}

void Gemm(const HostTensor& a, const HostTensor& b, const HostTensor* c, const GemmParams& p,
          HostTensor* y) {
  int64_t m = y->shape()[0], n = y->shape()[1];
  int64_t k = p.trans_a ? a.shape()[0] : a.shape()[1];
  auto pa = a.values<float>();
  auto pb = b.values<float>();
  auto py = y->values<float>();
  std::vector<int64_t> cs = c ? BroadcastStrides(c->shape(), y->shape()) : std::vector<int64_t>{};
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double acc = 0;
      for (int64_t l = 0; l < k; ++l) {
        float av = p.trans_a ? pa[l * m + i] : pa[i * k + l];
        float bv = p.trans_b ? pb[j * k + l] : pb[l * n + j];
        acc += static_cast<double>(av) * bv;
      }
      float v = p.alpha * static_cast<float>(acc);
      if (c) v += p.beta * c->values<float>()[i * cs[0] + j * cs[1]];
      py[i * n + j] = v;
    }
  }
}

void MatMul(const HostTensor& a, const HostTensor& b, HostTensor* y) {
  MatMulBatches plan = PlanMatMul(a.shape(), b.shape());
  auto pa = a.values<float>();
  auto pb = b.values<float>();
  auto py = y->values<float>();
  for (size_t t = 0; t < plan.y_offsets.size(); ++t) {
    const float* ma = pa.data() + plan.a_offsets[t];
    const float* mb = pb.data() + plan.b_offsets[t];
    float* row = py.data() + plan.y_offsets[t];
    for (int64_t i = 0; i < plan.m; ++i, row += plan.n) {
      std::fill(row, row + plan.n, 0.0f);
      for (int64_t l = 0; l < plan.k; ++l) {
        float av = ma[i * plan.k + l];
        for (int64_t j = 0; j < plan.n; ++j) row[j] += av * mb[l * plan.n + j];
      }
    }
  }
}

HostTensor RandomTensor(const Shape& shape, uint32_t seed) {
  HostTensor t(DType::kFloat32, shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (float& v : t.values<float>()) v = dist(rng);
  return t;
}

double NormRelativeError(const HostTensor& got, const HostTensor& want) {
  return CompareOutputs({got}, {want}, 0.0).norm_rel_error;  // the runner's own metric
}

bool BitwiseEqual(const HostTensor& a, const HostTensor& b) {
  return a.shape() == b.shape() && a.bytes() == b.bytes() &&
         (a.bytes() == 0 || std::memcmp(a.raw(), b.raw(), a.bytes()) == 0);
}

}  // namespace campaign::graph::reference::naive
