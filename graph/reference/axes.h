// Helpers shared by the reference ops (and their device classes):
// normalizing a possibly negative axis, splitting a shape around one, and
// reading the integer tensors that hold axes, shapes and indices.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Normalizes a possibly negative axis for `rank` (inclusive_end allows
// axis == rank, as Flatten does). kInvalidModel when out of range.
Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, bool inclusive_end = false);

// Splits `shape` around `axis` into (outer, axis extent, inner) element counts.
struct AxisSplit {
  int64_t outer = 1, extent = 1, inner = 1;
};
AxisSplit SplitAtAxis(const Shape& shape, int64_t axis);
// The same, with a negative `axis` meaning the flattened tensor (outer 1,
// extent = element count, inner 1), as Compress and Unique without an axis.
AxisSplit SplitAtAxisOrFlat(const Shape& shape, int64_t axis);

// Reads an integer tensor (int64 or int32) as int64 values.
std::vector<int64_t> ToInt64s(const HostTensor& t);

}  // namespace campaign::graph::reference
