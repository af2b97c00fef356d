// Reference NonZero and Compress: outputs whose extent depends on the input
// values (graph/op.h Op::DataDependentOutputs). Op classes:
// graph/ops/nonzero.h; device class: runner/ops/nonzero.cc; kernels:
// runner/kernels/nonzero.cl.
//
// Both work on any element type by its bytes: an element is nonzero when
// any byte is, the sign bit of floating-point types left out (-0.0 is
// zero), as the device kernels do.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Whether element `i` of `x` is nonzero (see above).
bool IsNonZeroAt(const HostTensor& x, int64_t i);

// *y = the int64 coordinates of the nonzero elements of x, shaped
// [rank, count], in row-major order of the elements.
Status NonZero(const HostTensor& x, HostTensor* y);

// *y = the slices of x along `axis` (normalized) whose entry in `condition`
// (bool, 1-D) is true; entries beyond x's extent along the axis are ignored,
// as are missing ones (false). With axis < 0, x is taken flattened.
Status Compress(const HostTensor& x, const HostTensor& condition, int64_t axis, HostTensor* y);

}  // namespace campaign::graph::reference
