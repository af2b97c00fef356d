#include "graph/reference/pad.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace campaign::graph::reference {

Result<Shape> PadOutputShape(const Shape& x, const std::vector<int64_t>& pads,
                             const std::vector<int64_t>& axes, PadParams* p) {
  const size_t n = axes.size();
  if (pads.size() != 2 * n) {
    return Status::Error(Reason::kInvalidModel, "pads has " + std::to_string(pads.size()) +
                                                    " values for " + std::to_string(n) +
                                                    " axes; expected " + std::to_string(2 * n));
  }
  p->axes.assign(x.size(), PadAxis{});
  for (size_t d = 0; d < x.size(); ++d) p->axes[d] = {0, x[d], 0, x[d]};
  Shape y = x;
  for (size_t i = 0; i < n; ++i) {
    int64_t d = axes[i], begin = pads[i], end = pads[i + n];
    PadAxis a;
    a.lo = std::max<int64_t>(0, -begin);
    a.len = x[d] - a.lo - std::max<int64_t>(0, -end);
    a.front = std::max<int64_t>(0, begin);
    a.out = a.len + a.front + std::max<int64_t>(0, end);
    std::string where = "axis " + std::to_string(d) + " of " + ShapeToString(x) + " with pads " +
                        std::to_string(begin) + ", " + std::to_string(end);
    if (a.len < 0 || a.out < 0) {
      return Status::Error(Reason::kInvalidModel,
                           "negative pads crop more than " + where + " holds");
    }
    if (a.len == 0 && a.out > 0 && p->mode != PadMode::kConstant) {
      return Status::Error(Reason::kInvalidModel,
                           "nothing to reflect, repeat or wrap on an empty " + where);
    }
    p->axes[d] = a;
    y[d] = a.out;
  }
  return y;
}

int64_t PadSourceIndex(int64_t o, const PadAxis& a, PadMode mode) {
  int64_t c = o - a.front;
  if (c >= 0 && c < a.len) return c;
  switch (mode) {
    case PadMode::kConstant:
      return -1;
    case PadMode::kEdge:
      return std::clamp<int64_t>(c, 0, a.len - 1);
    case PadMode::kWrap:
      return ((c % a.len) + a.len) % a.len;
    case PadMode::kReflect: {
      if (a.len == 1) return 0;
      int64_t period = 2 * (a.len - 1);
      int64_t m = ((c % period) + period) % period;
      return m < a.len ? m : period - m;
    }
  }
  return -1;
}

uint64_t FloatFill(float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

void Pad(const HostTensor& x, const PadParams& p, HostTensor* y) {
  const Shape& ys = y->shape();
  const int64_t rank = static_cast<int64_t>(ys.size());
  std::vector<int64_t> in_strides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d) in_strides[d] = in_strides[d + 1] * x.shape()[d + 1];
  const size_t es = p.element_size;
  const auto* px = static_cast<const unsigned char*>(x.raw());
  auto* py = static_cast<unsigned char*>(y->raw());
  const int64_t total = NumElements(ys);
  for (int64_t i = 0; i < total; ++i) {
    int64_t rem = i, at = 0;
    bool fill = false;
    for (int64_t d = rank - 1; d >= 0; --d) {
      int64_t o = rem % ys[d];
      rem /= ys[d];
      int64_t s = PadSourceIndex(o, p.axes[d], p.mode);
      if (s < 0) {
        fill = true;
        break;
      }
      at += (p.axes[d].lo + s) * in_strides[d];
    }
    if (fill) {
      std::memcpy(py + i * es, &p.fill, es);  // little-endian: the low bytes
    } else {
      std::memcpy(py + i * es, px + at * es, es);
    }
  }
}

}  // namespace campaign::graph::reference
