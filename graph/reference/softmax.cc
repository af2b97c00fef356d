#include "graph/reference/softmax.h"

#include <algorithm>
#include <cmath>

#include "graph/reference/axes.h"
#include "graph/reference/parallel.h"

namespace campaign::graph::reference {

void Softmax(const HostTensor& x, int64_t axis, HostTensor* y, SoftmaxMode mode) {
  AxisSplit s = SplitAtAxis(x.shape(), axis);
  auto px = x.values<float>();
  auto py = y->values<float>();
  // One line (o, i) per index, in parallel: a line reads and writes only its
  // own elements (y may be x), so the thread count changes nothing.
  ParallelFor(s.outer * s.inner, s.extent * 16, [&](int64_t begin, int64_t end) {
    for (int64_t line = begin; line < end; ++line) {
      const int64_t o = line / s.inner, i = line % s.inner;
      int64_t base = o * s.extent * s.inner + i;
      float mx = -INFINITY;
      int64_t arg = 0;
      for (int64_t d = 0; d < s.extent; ++d) {
        if (px[base + d * s.inner] > mx) {
          mx = px[base + d * s.inner];
          arg = d;
        }
      }
      double sum = 0;
      if (mode == SoftmaxMode::kSoftmax) {
        // One exp per element, parked in y until the sum is known (when y is
        // x, each element is read before it is overwritten): the values of
        // the two-pass form below, bit for bit, at half the exps.
        for (int64_t d = 0; d < s.extent; ++d) {
          float e = std::exp(px[base + d * s.inner] - mx);
          py[base + d * s.inner] = e;
          sum += e;
        }
        for (int64_t d = 0; d < s.extent; ++d) {
          float& out = py[base + d * s.inner];
          out = static_cast<float>(out / sum);
        }
        continue;
      }
      for (int64_t d = 0; d < s.extent; ++d) sum += std::exp(px[base + d * s.inner] - mx);
      for (int64_t d = 0; d < s.extent; ++d) {
        float v = px[base + d * s.inner] - mx;
        float& out = py[base + d * s.inner];
        switch (mode) {
          case SoftmaxMode::kSoftmax:
            out = static_cast<float>(std::exp(v) / sum);
            break;
          case SoftmaxMode::kLogSoftmax:
            out = static_cast<float>(v - std::log(sum));
            break;
          case SoftmaxMode::kHardmax:
            out = d == arg ? 1.0f : 0.0f;
            break;
        }
      }
    }
  });
}

}  // namespace campaign::graph::reference
