#include "graph/reference/batch_norm.h"

#include <cmath>

namespace campaign::graph::reference {

void BatchNorm(const HostTensor& x, const HostTensor& scale, const HostTensor& bias,
               const HostTensor& mean, const HostTensor& var, float epsilon, HostTensor* y) {
  const Shape& xs = x.shape();
  const int64_t n = xs[0], c = xs[1];
  const int64_t inner = c > 0 && n > 0 ? NumElements(xs) / (n * c) : 0;
  auto px = x.values<float>();
  auto py = y->values<float>();
  auto ps = scale.values<float>();
  auto pb = bias.values<float>();
  auto pm = mean.values<float>();
  auto pv = var.values<float>();
  for (int64_t ch = 0; ch < c; ++ch) {
    const float k = ps[ch] / std::sqrt(pv[ch] + epsilon);
    for (int64_t b = 0; b < n; ++b) {
      const int64_t base = (b * c + ch) * inner;
      for (int64_t i = 0; i < inner; ++i) py[base + i] = (px[base + i] - pm[ch]) * k + pb[ch];
    }
  }
}

}  // namespace campaign::graph::reference
