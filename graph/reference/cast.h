// Reference Cast. Op class: graph/ops/cast.h; device class:
// runner/ops/cast.cc; kernels: runner/kernels/cast.cl (and the float16 ones
// in runner/kernels/half.cl).
#pragma once

#include "graph/tensor.h"

namespace campaign::graph::reference {

// Element type conversion between any two DTypes, each value rounded once:
// float -> int truncates toward zero and wraps (NaN/inf give 0), int -> int
// wraps, anything -> bool is != 0, -> float formats round to nearest even
// (float64 -> float16/bfloat16 directly, not through float32).
void Cast(const HostTensor& x, HostTensor* y);

// Element i of any tensor as a double (exact but for 64-bit integers beyond
// 2^53): for comparisons and reports.
double ValueAsDouble(const HostTensor& x, int64_t i);

}  // namespace campaign::graph::reference
