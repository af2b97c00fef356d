#include "graph/reference/topk.h"

#include <string>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

namespace {

// Same steps as topk_* in runner/kernels/topk.cl.
template <typename T>
void TopKTyped(const HostTensor& x, const AxisSplit& s, int64_t k, bool largest, HostTensor* y,
               HostTensor* yi) {
  auto src = x.values<T>();
  auto dv = y->values<T>();
  auto di = yi->values<int64_t>();
  auto better = [largest](T a, T b) { return largest ? a > b : a < b; };
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t q = 0; q < s.inner; ++q) {
      const int64_t in0 = o * s.extent * s.inner + q, out0 = o * k * s.inner + q;
      int64_t c = 0;
      for (int64_t t = 0; t < s.extent && k > 0; ++t) {
        T v = src[in0 + t * s.inner];
        int64_t p;
        if (c < k) {
          p = c++;
        } else if (better(v, dv[out0 + (k - 1) * s.inner])) {
          p = k - 1;
        } else {
          continue;
        }
        while (p > 0 && better(v, dv[out0 + (p - 1) * s.inner])) {
          dv[out0 + p * s.inner] = dv[out0 + (p - 1) * s.inner];
          di[out0 + p * s.inner] = di[out0 + (p - 1) * s.inner];
          --p;
        }
        dv[out0 + p * s.inner] = v;
        di[out0 + p * s.inner] = t;
      }
    }
  }
}

}  // namespace

Status TopK(const HostTensor& x, int64_t axis, int64_t k, bool largest, HostTensor* values,
            HostTensor* indices) {
  AxisSplit s = SplitAtAxis(x.shape(), axis);
  switch (x.dtype()) {
    case DType::kFloat32:
      TopKTyped<float>(x, s, k, largest, values, indices);
      return Status::Ok();
    case DType::kInt32:
      TopKTyped<int32_t>(x, s, k, largest, values, indices);
      return Status::Ok();
    case DType::kInt64:
      TopKTyped<int64_t>(x, s, k, largest, values, indices);
      return Status::Ok();
    default:
      break;
  }
  return Status::Error(Reason::kUnsupportedOp,
                       "TopK of " + std::string(DTypeName(x.dtype())) + " is not supported");
}

}  // namespace campaign::graph::reference
