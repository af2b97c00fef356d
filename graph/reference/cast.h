// Reference Cast. Op class: graph/ops/cast.h; device class:
// runner/ops/cast.cc; kernels: runner/kernels/cast.cl (and the float16 ones
// in runner/kernels/half.cl).
#pragma once

#include "graph/tensor.h"

namespace campaign::graph::reference {

// Element type conversion between any two DTypes (float -> int truncates,
// anything -> bool is != 0, -> float16 rounds to nearest even).
void Cast(const HostTensor& x, HostTensor* y);

}  // namespace campaign::graph::reference
