// Reference LayerNormalization, float32. Op class: graph/ops/layer_norm.h;
// the reductions: graph/reference/reduce.h.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// Per row of `inner` trailing elements: (x - mean) / sqrt(var + eps) * scale
// + bias. `bias` may be null; scale/bias hold `inner` values. `mean` and
// `inv_std` (one value per row) may be null.
void LayerNorm(const HostTensor& x, const HostTensor& scale, const HostTensor* bias, int64_t inner,
               float epsilon, HostTensor* y, HostTensor* mean = nullptr,
               HostTensor* inv_std = nullptr);

}  // namespace campaign::graph::reference
