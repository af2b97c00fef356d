#include "graph/reference/reverse_sequence.h"

#include <cstring>
#include <string>
#include <vector>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

Status ReverseSequence(const HostTensor& x, const HostTensor& lens, int64_t batch_axis,
                       int64_t time_axis, HostTensor* y) {
  const Shape& s = x.shape();
  auto strides = ContiguousStrides(s);
  std::vector<int64_t> len = ToInt64s(lens);
  int64_t steps = s[time_axis], st = strides[time_axis];
  for (int64_t v : len) {
    if (v < 0 || v > steps) {
      return Status::Error(Reason::kInvalidModel, "ReverseSequence length " + std::to_string(v) +
                                                      " is outside [0, " + std::to_string(steps) +
                                                      "]");
    }
  }
  size_t es = DTypeSize(x.dtype());
  const auto* src = static_cast<const std::byte*>(x.raw());
  auto* dst = static_cast<std::byte*>(y->raw());
  for (int64_t i = 0; i < x.size(); ++i) {
    int64_t t = (i / st) % steps, b = (i / strides[batch_axis]) % s[batch_axis];
    int64_t from = t < len[b] ? i + (len[b] - 1 - 2 * t) * st : i;
    std::memcpy(dst + i * es, src + from * es, es);
  }
  return Status::Ok();
}

}  // namespace campaign::graph::reference
