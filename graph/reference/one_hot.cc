#include "graph/reference/one_hot.h"

#include <cstring>
#include <vector>

namespace campaign::graph::reference {

Shape OneHotShape(const Shape& indices, int64_t depth, int64_t axis) {
  Shape y = indices;
  y.insert(y.begin() + axis, depth);
  return y;
}

void OneHot(const HostTensor& indices, const HostTensor& values, int64_t depth, int64_t axis,
            HostTensor* y) {
  const Shape& is = indices.shape();
  int64_t inner = 1;
  for (size_t d = axis; d < is.size(); ++d) inner *= is[d];
  std::vector<int64_t> idx(indices.size());
  for (int64_t i = 0; i < indices.size(); ++i) {
    switch (indices.dtype()) {
      case DType::kFloat32:
        idx[i] = static_cast<int64_t>(indices.values<float>()[i]);
        break;
      case DType::kInt32:
        idx[i] = indices.values<int32_t>()[i];
        break;
      default:
        idx[i] = indices.values<int64_t>()[i];
        break;
    }
    if (idx[i] < 0) idx[i] += depth;
  }
  size_t es = DTypeSize(values.dtype());
  const auto* v = static_cast<const std::byte*>(values.raw());
  auto* dst = static_cast<std::byte*>(y->raw());
  for (int64_t i = 0; i < y->size(); ++i) {
    int64_t q = i % inner, d = (i / inner) % depth, o = i / (inner * depth);
    bool on = idx[o * inner + q] == d;
    std::memcpy(dst + i * es, v + (on ? es : 0), es);
  }
}

}  // namespace campaign::graph::reference
