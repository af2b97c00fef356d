// Reference Trilu. Byte-generic: any DType. Op class: graph/ops/trilu.h;
// device class: runner/ops/trilu.cc; kernels: runner/kernels/trilu.cl.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// Trilu on the last two dims: keeps col - row >= k (upper) or <= k (lower).
void Trilu(const HostTensor& x, int64_t k, bool upper, HostTensor* y);

}  // namespace campaign::graph::reference
