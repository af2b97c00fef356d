#include "graph/reference/reduce.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace campaign::graph::reference {

Result<std::vector<bool>> ReducedAxes(const Shape& shape, const std::vector<int64_t>& axes) {
  int64_t rank = static_cast<int64_t>(shape.size());
  std::vector<bool> r(rank, axes.empty());
  for (int64_t a : axes) {
    int64_t n = a < 0 ? a + rank : a;
    if (n < 0 || n >= rank || r[n]) {
      return Status::Error(
          Reason::kInvalidModel,
          "reduction axis " + std::to_string(a) + " is invalid for rank " + std::to_string(rank));
    }
    r[n] = true;
  }
  return r;
}

Shape ReduceShape(const Shape& in, const std::vector<bool>& reduced, bool keepdims) {
  Shape out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (!reduced[d]) {
      out.push_back(in[d]);
    } else if (keepdims) {
      out.push_back(1);
    }
  }
  return out;
}

void Reduce(ReduceKind kind, const HostTensor& x, const std::vector<bool>& reduced, HostTensor* y) {
  const Shape& s = x.shape();
  auto st = ContiguousStrides(s);
  Shape kept_dims, red_dims;
  std::vector<int64_t> kept_st, red_st;
  for (size_t d = 0; d < s.size(); ++d) {
    (reduced[d] ? red_dims : kept_dims).push_back(s[d]);
    (reduced[d] ? red_st : kept_st).push_back(st[d]);
  }
  int64_t nout = NumElements(kept_dims), nred = NumElements(red_dims);
  auto in = x.values<float>();
  auto out = y->values<float>();
  for (int64_t o = 0; o < nout; ++o) {
    int64_t base = 0, rem = o;
    for (int64_t d = static_cast<int64_t>(kept_dims.size()) - 1; d >= 0; --d) {
      base += (rem % kept_dims[d]) * kept_st[d];
      rem /= kept_dims[d];
    }
    double acc = kind == ReduceKind::kProd  ? 1.0
                 : kind == ReduceKind::kMax ? -std::numeric_limits<double>::infinity()
                 : kind == ReduceKind::kMin ? std::numeric_limits<double>::infinity()
                                            : 0.0;
    double mx = -std::numeric_limits<double>::infinity();
    if (kind == ReduceKind::kLogSumExp) {
      for (int64_t t = 0; t < nred; ++t) {
        int64_t off = base, r = t;
        for (int64_t d = static_cast<int64_t>(red_dims.size()) - 1; d >= 0; --d) {
          off += (r % red_dims[d]) * red_st[d];
          r /= red_dims[d];
        }
        mx = std::max(mx, static_cast<double>(in[off]));
      }
    }
    for (int64_t t = 0; t < nred; ++t) {
      int64_t off = base, r = t;
      for (int64_t d = static_cast<int64_t>(red_dims.size()) - 1; d >= 0; --d) {
        off += (r % red_dims[d]) * red_st[d];
        r /= red_dims[d];
      }
      double v = in[off];
      switch (kind) {
        case ReduceKind::kSum:
        case ReduceKind::kMean:
        case ReduceKind::kLogSum:
          acc += v;
          break;
        case ReduceKind::kMax:
          acc = std::max(acc, v);
          break;
        case ReduceKind::kMin:
          acc = std::min(acc, v);
          break;
        case ReduceKind::kProd:
          acc *= v;
          break;
        case ReduceKind::kL1:
          acc += std::fabs(v);
          break;
        case ReduceKind::kL2:
        case ReduceKind::kSumSquare:
          acc += v * v;
          break;
        case ReduceKind::kLogSumExp:
          acc += std::exp(v - mx);
          break;
      }
    }
    if (kind == ReduceKind::kMean) acc /= static_cast<double>(nred);
    if (kind == ReduceKind::kL2) acc = std::sqrt(acc);
    if (kind == ReduceKind::kLogSum) acc = std::log(acc);
    if (kind == ReduceKind::kLogSumExp) acc = mx + std::log(acc);
    out[o] = static_cast<float>(acc);
  }
}

void ArgReduce(const HostTensor& x, int64_t axis, bool is_max, bool select_last, HostTensor* y) {
  const Shape& s = x.shape();
  int64_t outer = 1, inner = 1, extent = s[axis];
  for (int64_t d = 0; d < axis; ++d) outer *= s[d];
  for (size_t d = axis + 1; d < s.size(); ++d) inner *= s[d];
  auto in = x.values<float>();
  auto out = y->values<int64_t>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t q = 0; q < inner; ++q) {
      int64_t base = o * extent * inner + q, arg = 0;
      float best = in[base];
      for (int64_t d = 1; d < extent; ++d) {
        float v = in[base + d * inner];
        bool better =
            is_max ? (select_last ? v >= best : v > best) : (select_last ? v <= best : v < best);
        if (better) {
          best = v;
          arg = d;
        }
      }
      out[o * inner + q] = arg;
    }
  }
}

}  // namespace campaign::graph::reference
