// Reference OneHot. Indices float32, int32 or int64; values (off, on) of any
// 4- or 8-byte type, copied bytewise. Op class: graph/ops/one_hot.h; device
// class: runner/ops/one_hot.cc; kernels: runner/kernels/one_hot.cl.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// y = indices' shape with `depth` inserted at `axis` (normalized, 0..rank);
// y[.., d, ..] = values[1] where the index (truncated to an integer,
// negative ones + depth) equals d, else values[0]. Out-of-range indices give
// a row of values[0].
Shape OneHotShape(const Shape& indices, int64_t depth, int64_t axis);
void OneHot(const HostTensor& indices, const HostTensor& values, int64_t depth, int64_t axis,
            HostTensor* y);

}  // namespace campaign::graph::reference
