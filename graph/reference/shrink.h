// Reference Shrink: y = x + bias where x < -lambd, x - bias where
// x > lambd, else 0 (float32). Op class: graph/ops/shrink.h; kernel:
// runner/kernels/shrink.cl.
#pragma once

#include "graph/tensor.h"

namespace campaign::graph::reference {

// REQUIRES: y shaped like x.
void Shrink(const HostTensor& x, float lambd, float bias, HostTensor* y);

}  // namespace campaign::graph::reference
