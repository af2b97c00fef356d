#include "graph/reference/nonzero.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

namespace {

bool IsFloat(DType t) {
  return t == DType::kFloat32 || t == DType::kFloat64 || t == DType::kFloat16 ||
         t == DType::kBFloat16;
}

}  // namespace

bool IsNonZeroAt(const HostTensor& x, int64_t i) {
  const size_t size = DTypeSize(x.dtype());
  const auto* p = static_cast<const uint8_t*>(x.raw()) + i * size;
  for (size_t b = 0; b < size; ++b) {
    uint8_t v = p[b];
    if (b + 1 == size && IsFloat(x.dtype())) v &= 0x7f;  // little-endian: sign in the last byte
    if (v) return true;
  }
  return false;
}

Status NonZero(const HostTensor& x, HostTensor* y) {
  const int64_t n = x.size();
  std::vector<int64_t> hits;
  for (int64_t i = 0; i < n; ++i) {
    if (IsNonZeroAt(x, i)) hits.push_back(i);
  }
  const int64_t rank = x.rank(), count = static_cast<int64_t>(hits.size());
  *y = HostTensor(DType::kInt64, {rank, count});
  auto out = y->values<int64_t>();
  for (int64_t j = 0; j < count; ++j) {
    int64_t rest = hits[j];
    for (int64_t d = rank - 1; d >= 0; --d) {
      out[d * count + j] = rest % x.shape()[d];
      rest /= x.shape()[d];
    }
  }
  return Status::Ok();
}

Status Compress(const HostTensor& x, const HostTensor& condition, int64_t axis, HostTensor* y) {
  const AxisSplit split = SplitAtAxisOrFlat(x.shape(), axis);
  const int64_t outer = split.outer, extent = split.extent, inner = split.inner;
  std::vector<int64_t> picked;
  const int64_t len = std::min(extent, condition.size());
  for (int64_t i = 0; i < len; ++i) {
    if (IsNonZeroAt(condition, i)) picked.push_back(i);
  }
  const int64_t count = static_cast<int64_t>(picked.size());
  Shape shape{count};
  if (axis >= 0) {
    shape = x.shape();
    shape[axis] = count;
  }
  *y = HostTensor(x.dtype(), shape);
  const size_t row = static_cast<size_t>(inner) * DTypeSize(x.dtype());
  const auto* src = static_cast<const uint8_t*>(x.raw());
  auto* dst = static_cast<uint8_t*>(y->raw());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j = 0; j < count; ++j) {
      std::memcpy(dst + (o * count + j) * row, src + (o * extent + picked[j]) * row, row);
    }
  }
  return Status::Ok();
}

}  // namespace campaign::graph::reference
