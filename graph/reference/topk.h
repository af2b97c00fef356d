// Reference TopK. Typed: float32, int32, int64 values. Op class:
// graph/ops/topk.h; device class: runner/ops/topk.cc; kernels:
// runner/kernels/topk.cl.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The k largest (or smallest) values along `axis` (normalized), sorted,
// with their int64 positions; equal values keep the lower index first, as
// ONNX specifies. Elements are inserted one by one into a sorted list of k,
// the device kernel's algorithm, so NaNs (whose order ONNX leaves open)
// land in the same places on both. REQUIRES: 0 <= k <= x.shape()[axis];
// values/indices shaped x with dim axis = k.
Status TopK(const HostTensor& x, int64_t axis, int64_t k, bool largest, HostTensor* values,
            HostTensor* indices);

}  // namespace campaign::graph::reference
