#include "graph/reference/batch_norm.h"

#include <cmath>
#include <vector>

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

void BatchNormTraining(const HostTensor& x, const HostTensor& scale, const HostTensor& bias,
                       const HostTensor& mean, const HostTensor& var, float epsilon, float momentum,
                       HostTensor* y, HostTensor* running_mean, HostTensor* running_var) {
  const Shape& xs = x.shape();
  const int64_t n = xs[0], c = xs[1];
  const int64_t inner = c > 0 && n > 0 ? NumElements(xs) / (n * c) : 0;
  const int64_t count = n * inner;
  auto px = x.values<float>();
  HostTensor batch_mean(DType::kFloat32, {c}), batch_var(DType::kFloat32, {c});
  for (int64_t ch = 0; ch < c; ++ch) {
    double sum = 0;
    for (int64_t b = 0; b < n; ++b) {
      for (int64_t i = 0; i < inner; ++i) sum += px[(b * c + ch) * inner + i];
    }
    const double m = count > 0 ? sum / static_cast<double>(count) : 0.0;
    double sq = 0;
    for (int64_t b = 0; b < n; ++b) {
      for (int64_t i = 0; i < inner; ++i) {
        const double d = px[(b * c + ch) * inner + i] - m;
        sq += d * d;
      }
    }
    batch_mean.values<float>()[ch] = static_cast<float>(m);
    batch_var.values<float>()[ch] =
        static_cast<float>(count > 0 ? sq / static_cast<double>(count) : 0.0);
  }
  BatchNorm(x, scale, bias, batch_mean, batch_var, epsilon, y);
  const std::pair<const HostTensor*, HostTensor*> running[] = {{&mean, running_mean},
                                                               {&var, running_var}};
  for (int k = 0; k < 2; ++k) {
    if (!running[k].second) continue;
    auto given = running[k].first->values<float>();
    auto batch = (k == 0 ? batch_mean : batch_var).values<float>();
    auto out = running[k].second->values<float>();
    for (int64_t ch = 0; ch < c; ++ch) out[ch] = given[ch] * momentum + batch[ch] * (1 - momentum);
  }
}

}  // namespace campaign::graph::reference
