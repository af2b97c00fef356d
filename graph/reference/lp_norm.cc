#include "graph/reference/lp_norm.h"

#include <cmath>

namespace campaign::graph::reference {

void LpNorm(const HostTensor& x, int64_t outer, int64_t extent, int64_t inner, int p,
            HostTensor* y) {
  auto px = x.values<float>();
  auto py = y->values<float>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const int64_t base = o * extent * inner + i;
      double norm = 0;
      for (int64_t e = 0; e < extent; ++e) {
        const double v = px[base + e * inner];
        norm += p == 1 ? std::fabs(v) : v * v;
      }
      if (p == 2) norm = std::sqrt(norm);
      for (int64_t e = 0; e < extent; ++e) {
        const int64_t at = base + e * inner;
        py[at] = norm == 0 ? 0.0f : static_cast<float>(px[at] / norm);
      }
    }
  }
}

}  // namespace campaign::graph::reference
