// Reference Gather, GatherElements and GatherND. Byte-generic: any DType. Op classes:
// graph/ops/gather.h; device classes: runner/ops/gather.cc; kernels:
// runner/kernels/gather.cl.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Gather along `axis` (normalized): y = x.take(indices, axis). Indices are
// int64 or int32, negative counts from the end. kInvalidModel when an index
// is out of range.
Shape GatherShape(const Shape& data, const Shape& indices, int64_t axis);
Status Gather(const HostTensor& x, const HostTensor& indices, int64_t axis, HostTensor* y);

// GatherElements along `axis` (normalized): y has the indices' shape.
// kInvalidModel when an index is out of range.
Status GatherElements(const HostTensor& x, const HostTensor& indices, int64_t axis, HostTensor* y);

// GatherND with `batch_dims` b: the output is indices.shape[:-1] +
// data.shape[b + k:] (k = indices' last dim); each index tuple picks a slice
// of its batch. kInvalidModel when an index is out of range.
Shape GatherNDShape(const Shape& data, const Shape& indices, int64_t batch_dims);
Status GatherND(const HostTensor& x, const HostTensor& indices, int64_t batch_dims, HostTensor* y);

}  // namespace campaign::graph::reference
