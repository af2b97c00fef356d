#include "graph/reference/cumsum.h"

#include <string>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

namespace {

// Same steps as cumsum_* in runner/kernels/cumsum.cl.
template <typename T>
void CumSumTyped(const HostTensor& x, const AxisSplit& s, bool exclusive, bool reverse,
                 HostTensor* y) {
  auto src = x.values<T>();
  auto dst = y->values<T>();
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t q = 0; q < s.inner; ++q) {
      T acc = 0;
      for (int64_t j = 0; j < s.extent; ++j) {
        int64_t t = reverse ? s.extent - 1 - j : j;
        int64_t at = (o * s.extent + t) * s.inner + q;
        T v = src[at];
        if (!exclusive) acc += v;
        dst[at] = acc;
        if (exclusive) acc += v;
      }
    }
  }
}

}  // namespace

Status CumSum(const HostTensor& x, int64_t axis, bool exclusive, bool reverse, HostTensor* y) {
  AxisSplit s = SplitAtAxis(x.shape(), axis);
  switch (x.dtype()) {
    case DType::kFloat32:
      CumSumTyped<float>(x, s, exclusive, reverse, y);
      return Status::Ok();
    case DType::kInt32:
      CumSumTyped<int32_t>(x, s, exclusive, reverse, y);
      return Status::Ok();
    case DType::kInt64:
      CumSumTyped<int64_t>(x, s, exclusive, reverse, y);
      return Status::Ok();
    default:
      break;
  }
  return Status::Error(Reason::kUnsupportedOp,
                       "CumSum of " + std::string(DTypeName(x.dtype())) + " is not supported");
}

}  // namespace campaign::graph::reference
