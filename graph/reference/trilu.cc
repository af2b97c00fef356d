#include "graph/reference/trilu.h"

#include <cstring>

namespace campaign::graph::reference {

void Trilu(const HostTensor& x, int64_t k, bool upper, HostTensor* y) {
  const Shape& s = x.shape();
  int64_t cols = s[s.size() - 1], rows = s[s.size() - 2];
  size_t es = DTypeSize(x.dtype());
  const auto* src = static_cast<const std::byte*>(x.raw());
  auto* dst = static_cast<std::byte*>(y->raw());
  for (int64_t i = 0; i < x.size(); ++i) {
    int64_t c = i % cols, r = (i / cols) % rows;
    bool keep = upper ? (c - r >= k) : (c - r <= k);
    if (keep) {
      std::memcpy(dst + i * es, src + i * es, es);
    } else {
      std::memset(dst + i * es, 0, es);
    }
  }
}

}  // namespace campaign::graph::reference
