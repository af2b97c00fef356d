// Reference Unique. Op class: graph/ops/unique.h; device class:
// runner/ops/unique.cc; kernels: runner/kernels/unique.cl.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The four outputs of Unique, each shaped to its actual extent.
struct UniqueResult {
  HostTensor y;        // the unique slices (elements when flattened)
  HostTensor indices;  // int64 [U]: where each first occurs in x
  HostTensor inverse;  // int64 [extent]: for each slice of x, its index in y
  HostTensor counts;   // int64 [U]: how often each occurs
};

// Unique slices of x (float32 or int64) along `axis` (normalized), or
// elements of x flattened when axis < 0; sorted ascending (slices compared
// lexicographically in row-major order) or in order of first occurrence.
// Found the way the device kernel does: each slice compared with the
// uniques found so far, then an insertion sort.
Status Unique(const HostTensor& x, int64_t axis, bool sorted, UniqueResult* r);

}  // namespace campaign::graph::reference
