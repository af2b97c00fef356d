// A window over up to three spatial dimensions (N-D Conv, ConvTranspose,
// pooling), normalized to exactly three: a k-D window (k = 1, 2 or 3) fills
// the LAST k entries and the leading ones are the identity window (kernel 1,
// stride 1, no pads, dilation 1) over an extent of 1. Tensors [N, C, s...]
// are read as [N, C, D, H, W] with the same leading 1s, which is the same
// memory layout, so the kernels handle every rank with three loops.
#pragma once

#include <array>
#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

using Dims3 = std::array<int64_t, 3>;

struct Window3d {
  Dims3 kernel{1, 1, 1};
  Dims3 stride{1, 1, 1};
  Dims3 pad_begin{0, 0, 0};
  Dims3 pad_end{0, 0, 0};
  Dims3 dilation{1, 1, 1};
};

// The spatial extents of `s` (rank 3 to 5) as [D, H, W], leading 1s for
// lower ranks. REQUIRES: 3 <= s.size() <= 5.
inline Dims3 Spatial3(const Shape& s) {
  Dims3 d{1, 1, 1};
  const size_t k = s.size() - 2;
  for (size_t i = 0; i < k; ++i) d[3 - k + i] = s[2 + i];
  return d;
}

inline int64_t Product3(const Dims3& d) { return d[0] * d[1] * d[2]; }

}  // namespace campaign::graph::reference
