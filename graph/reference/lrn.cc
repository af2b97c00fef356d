#include "graph/reference/lrn.h"

#include <algorithm>
#include <cmath>

namespace campaign::graph::reference {

void Lrn(const HostTensor& x, const LrnParams& p, HostTensor* y) {
  const Shape& s = x.shape();
  const int64_t n = s[0], c = s[1];
  const int64_t inner = n * c == 0 ? 0 : x.size() / (n * c);
  auto px = x.values<float>();
  auto py = y->values<float>();
  const int64_t lo = (p.size - 1) / 2, hi = p.size - 1 - lo;
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      for (int64_t i = 0; i < inner; ++i) {
        double sq = 0;
        for (int64_t k = std::max<int64_t>(0, ch - lo); k <= std::min(c - 1, ch + hi); ++k) {
          const double v = px[(b * c + k) * inner + i];
          sq += v * v;
        }
        const int64_t at = (b * c + ch) * inner + i;
        const double d = std::pow(p.bias + p.alpha / static_cast<double>(p.size) * sq, p.beta);
        py[at] = static_cast<float>(px[at] / d);
      }
    }
  }
}

}  // namespace campaign::graph::reference
