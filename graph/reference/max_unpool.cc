#include "graph/reference/max_unpool.h"

#include <algorithm>
#include <string>

namespace campaign::graph::reference {

Result<Shape> MaxUnpoolOutputShape(const Shape& x, const std::vector<int64_t>& kernel,
                                   const std::vector<int64_t>& strides,
                                   const std::vector<int64_t>& pads, const std::string& what) {
  const size_t s = kernel.size();
  if (x.size() != s + 2 || (!strides.empty() && strides.size() != s) ||
      (!pads.empty() && pads.size() != 2 * s)) {
    return Status::Error(
        Reason::kInvalidModel,
        what + ": kernel_shape, strides or pads do not fit the input " + ShapeToString(x));
  }
  Shape y = {x[0], x[1]};
  for (size_t d = 0; d < s; ++d) {
    const int64_t st = strides.empty() ? 1 : strides[d];
    const int64_t pb = pads.empty() ? 0 : pads[d], pe = pads.empty() ? 0 : pads[s + d];
    const int64_t o = (x[d + 2] - 1) * st - pb - pe + kernel[d];
    if (o <= 0) {
      return Status::Error(Reason::kInvalidModel, what + ": output dim " + std::to_string(d) +
                                                      " would be " + std::to_string(o));
    }
    y.push_back(o);
  }
  return y;
}

void MaxUnpool(const HostTensor& x, const HostTensor& indices, const UnpoolPlanes& p,
               HostTensor* y) {
  auto out = y->values<float>();
  std::fill(out.begin(), out.end(), 0.0f);
  const auto in = x.values<float>();
  const auto idx = indices.values<int64_t>();
  const int64_t n = p.outer * p.h * p.w;
  for (size_t i = 0; i < in.size(); ++i) {
    const int64_t at = idx[i];
    if (at < 0 || at >= n) continue;
    const int64_t c = at % p.w, r = (at / p.w) % p.h, o = at / (p.w * p.h);
    out[(o * p.out_h + r) * p.out_w + c] = in[i];
  }
}

}  // namespace campaign::graph::reference
