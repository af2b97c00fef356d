// Reference data movement: strided copies (Transpose, Slice, Expand, Split
// are all one). Byte-generic: any DType. Op classes: graph/ops/movement.h;
// device classes: runner/ops/movement.cc; kernels: runner/kernels/movement.cl.
// Gather, Cast and Trilu have their own files (graph/reference/gather.h,
// cast.h, trilu.h).
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// A view of a contiguous source: y[idx] = x[offset + sum(idx[d] * strides[d])]
// over y's shape, or over `dims` when set: y's elements in row-major order
// of dims (same count), which splits an output dim in two where a single
// stride cannot walk it (Tile, DepthToSpace). Strides may be 0 (broadcast)
// or negative (reversed slices).
struct StridedView {
  int64_t offset = 0;
  std::vector<int64_t> strides;  // one per output dim (per dims entry when set)
  Shape dims;                    // empty: y's shape
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

// Tile by `repeats` (one per dim, >= 0): y dim d = in[d] * repeats[d].
// kInvalidModel for a wrong count or a negative repeat.
Result<Shape> TileShape(const Shape& in, const std::vector<int64_t>& repeats, StridedView* view);

// DepthToSpace ([N, C, H, W] -> [N, C / bs^2, H * bs, W * bs]; `crd` mode or
// DCR) and SpaceToDepth (the inverse layout of DCR). kInvalidModel for a
// rank other than 4 or dims the block size does not divide.
Result<Shape> DepthToSpaceShape(const Shape& in, int64_t bs, bool crd, StridedView* view);
Result<Shape> SpaceToDepthShape(const Shape& in, int64_t bs, StridedView* view);

// Part of `in` along `axis` from `start` with `extent` elements.
StridedView AxisRangeView(const Shape& in, int64_t axis, int64_t start);

}  // namespace campaign::graph::reference
