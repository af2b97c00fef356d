// Reference CumSum. Typed: float32, int32, int64. Op class:
// graph/ops/cumsum.h; device class: runner/ops/cumsum.cc; kernels:
// runner/kernels/cumsum.cl.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Running sum along `axis` (normalized), from the end when `reverse`,
// leaving out the element itself when `exclusive`. Summed in the element
// type, element by element (the device's order, so float results agree
// exactly).
Status CumSum(const HostTensor& x, int64_t axis, bool exclusive, bool reverse, HostTensor* y);

}  // namespace campaign::graph::reference
