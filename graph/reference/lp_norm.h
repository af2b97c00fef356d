// Reference LpNormalization: y = x / ||x||_p along one axis, p 1 or 2; a
// zero norm gives 0 (onnxruntime's rule). Op class: graph/ops/lp_norm.h;
// kernel: runner/kernels/lp_norm.cl.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// x seen as [outer, extent, inner], normalised along the middle dim.
// Accumulates in double. REQUIRES: y shaped like x, p 1 or 2.
void LpNorm(const HostTensor& x, int64_t outer, int64_t extent, int64_t inner, int p,
            HostTensor* y);

}  // namespace campaign::graph::reference
