#include "graph/reference/axes.h"

#include <string>

namespace campaign::graph::reference {

Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, bool inclusive_end) {
  int64_t hi = inclusive_end ? rank : rank - 1;
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a > hi) {
    return Status::Error(
        Reason::kInvalidModel,
        "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  }
  return a;
}

AxisSplit SplitAtAxis(const Shape& shape, int64_t axis) {
  AxisSplit s;
  for (int64_t i = 0; i < static_cast<int64_t>(shape.size()); ++i) {
    if (i < axis) s.outer *= shape[i];
    if (i == axis) s.extent = shape[i];
    if (i > axis) s.inner *= shape[i];
  }
  return s;
}

AxisSplit SplitAtAxisOrFlat(const Shape& shape, int64_t axis) {
  if (axis >= 0) return SplitAtAxis(shape, axis);
  AxisSplit s;
  for (int64_t d : shape) s.extent *= d;
  return s;
}

std::vector<int64_t> ToInt64s(const HostTensor& t) {
  if (t.dtype() == DType::kInt32) {
    auto v = t.values<int32_t>();
    return {v.begin(), v.end()};
  }
  auto v = t.values<int64_t>();
  return {v.begin(), v.end()};
}

}  // namespace campaign::graph::reference
