// Reference data movement: strided copies (Transpose, Slice, Expand, Split
// are all one), Gather, Cast, Range. Byte-generic: any DType.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// A view of a contiguous source: y[idx] = x[offset + sum(idx[d] * strides[d])]
// over y's shape. Strides may be 0 (broadcast) or negative (reversed slices).
struct StridedView {
  int64_t offset = 0;
  std::vector<int64_t> strides;  // one per output dim
};

// REQUIRES: every index the view produces lies inside x; y->dtype()==x.dtype().
void StridedCopy(const HostTensor& x, const StridedView& view, HostTensor* y);

// Transpose by `perm` (empty = reverse). kInvalidModel for a bad permutation.
Result<std::vector<int64_t>> NormalizePerm(const std::vector<int64_t>& perm, int64_t rank);
Shape TransposeShape(const Shape& in, const std::vector<int64_t>& perm);
StridedView TransposeView(const Shape& in, const std::vector<int64_t>& perm);

// ONNX Slice (opset 10+ semantics, clamped, negative steps). `axes` may be
// empty (all leading axes). Returns the output shape and fills `view`.
Result<Shape> SliceShape(const Shape& in, const std::vector<int64_t>& starts,
                         const std::vector<int64_t>& ends, const std::vector<int64_t>& axes,
                         const std::vector<int64_t>& steps, StridedView* view);

// Part of `in` along `axis` from `start` with `extent` elements.
StridedView AxisRangeView(const Shape& in, int64_t axis, int64_t start);

// Gather along `axis` (normalized): y = x.take(indices, axis). Indices are
// int64 or int32, negative counts from the end. kInvalidModel when an index
// is out of range.
Shape GatherShape(const Shape& data, const Shape& indices, int64_t axis);
Status Gather(const HostTensor& x, const HostTensor& indices, int64_t axis, HostTensor* y);

// GatherElements along `axis` (normalized): y has the indices' shape.
// kInvalidModel when an index is out of range.
Status GatherElements(const HostTensor& x, const HostTensor& indices, int64_t axis, HostTensor* y);

// Trilu on the last two dims: keeps col - row >= k (upper) or <= k (lower).
void Trilu(const HostTensor& x, int64_t k, bool upper, HostTensor* y);

// Element type conversion between any two DTypes (float -> int truncates,
// anything -> bool is != 0, -> float16 rounds to nearest even).
void Cast(const HostTensor& x, HostTensor* y);

// Reads an integer tensor (int64 or int32) as int64 values.
std::vector<int64_t> ToInt64s(const HostTensor& t);

}  // namespace campaign::graph::reference
