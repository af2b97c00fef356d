#include "graph/reference/concat.h"

#include <cstring>
#include <string>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

Result<Shape> ConcatOutputShape(const std::vector<Shape>& inputs, int64_t axis) {
  if (inputs.empty()) return Status::Error(Reason::kInvalidModel, "Concat without inputs");
  Shape out = inputs[0];
  for (size_t i = 1; i < inputs.size(); ++i) {
    const Shape& s = inputs[i];
    bool same = s.size() == out.size();
    for (size_t d = 0; same && d < s.size(); ++d) {
      if (static_cast<int64_t>(d) != axis && s[d] != out[d]) same = false;
    }
    if (!same) {
      return Status::Error(Reason::kInvalidModel,
                           "Concat inputs " + ShapeToString(inputs[0]) + " and " +
                               ShapeToString(s) + " differ outside axis " + std::to_string(axis));
    }
    out[axis] += s[axis];
  }
  return out;
}

void Concat(const std::vector<const HostTensor*>& inputs, int64_t axis, HostTensor* y) {
  AxisSplit ys = SplitAtAxis(y->shape(), axis);
  size_t esize = DTypeSize(y->dtype());
  auto* out = static_cast<std::byte*>(y->raw());
  int64_t offset = 0;  // elements along axis * inner
  for (const HostTensor* in : inputs) {
    AxisSplit s = SplitAtAxis(in->shape(), axis);
    int64_t chunk = s.extent * s.inner;
    const auto* src = static_cast<const std::byte*>(in->raw());
    for (int64_t o = 0; o < s.outer; ++o) {
      std::memcpy(out + (o * ys.extent * ys.inner + offset) * esize, src + o * chunk * esize,
                  chunk * esize);
    }
    offset += chunk;
  }
}

}  // namespace campaign::graph::reference
