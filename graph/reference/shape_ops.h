// Reference data-movement operators: Concat, Reshape, Flatten, Softmax.
// Reshape/Flatten only change the shape; the data is copied unchanged.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Normalizes a possibly negative axis for `rank` (inclusive_end allows
// axis == rank, as Flatten does). kInvalidModel when out of range.
Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, bool inclusive_end = false);

// Shape of concatenating `inputs` along `axis` (already normalized).
Result<Shape> ConcatOutputShape(const std::vector<Shape>& inputs, int64_t axis);
void Concat(const std::vector<const HostTensor*>& inputs, int64_t axis, HostTensor* y);

// ONNX Reshape: 0 copies the input dimension (unless allowzero), one -1 is
// inferred. kInvalidModel when the element counts disagree.
Result<Shape> ReshapeOutputShape(const Shape& in, std::span<const int64_t> spec, bool allowzero);
// [prod(in[:axis]), prod(in[axis:])].
Result<Shape> FlattenOutputShape(const Shape& in, int64_t axis);

// Softmax, LogSoftmax or Hardmax (1 at the first maximum) along `axis`
// (normalized), numerically stable. Codes shared with kernels/misc.cl.
enum class SoftmaxMode { kSoftmax = 0, kLogSoftmax = 1, kHardmax = 2 };
void Softmax(const HostTensor& x, int64_t axis, HostTensor* y,
             SoftmaxMode mode = SoftmaxMode::kSoftmax);

// Splits `shape` around `axis` into (outer, axis extent, inner) element counts.
struct AxisSplit {
  int64_t outer = 1, extent = 1, inner = 1;
};
AxisSplit SplitAtAxis(const Shape& shape, int64_t axis);

}  // namespace campaign::graph::reference
