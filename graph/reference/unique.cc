#include "graph/reference/unique.h"

#include <cstring>
#include <vector>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

namespace {

template <typename T>
Status UniqueTyped(const HostTensor& x, int64_t axis, bool sorted, UniqueResult* r) {
  const AxisSplit split = SplitAtAxisOrFlat(x.shape(), axis);
  const int64_t outer = split.outer, extent = split.extent, inner = split.inner;
  auto v = x.values<T>();
  auto at = [&](int64_t j, int64_t o, int64_t i) { return v[(o * extent + j) * inner + i]; };
  // <0, 0, >0 as slice a sorts before, with, after slice b.
  auto compare = [&](int64_t a, int64_t b) {
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        T p = at(a, o, i), q = at(b, o, i);
        if (p < q) return -1;
        if (q < p) return 1;
      }
    }
    return 0;
  };
  std::vector<int64_t> first, count, inv(extent);
  for (int64_t j = 0; j < extent; ++j) {
    int64_t u = 0;
    while (u < static_cast<int64_t>(first.size()) && compare(j, first[u]) != 0) ++u;
    if (u == static_cast<int64_t>(first.size())) {
      first.push_back(j);
      count.push_back(0);
    }
    ++count[u];
    inv[j] = u;
  }
  const int64_t n = static_cast<int64_t>(first.size());
  std::vector<int64_t> perm(n), rank(n);
  for (int64_t u = 0; u < n; ++u) {
    int64_t p = u;
    if (sorted) {
      while (p > 0 && compare(first[u], first[perm[p - 1]]) < 0) {
        perm[p] = perm[p - 1];
        --p;
      }
    }
    perm[p] = u;
  }
  for (int64_t k = 0; k < n; ++k) rank[perm[k]] = k;
  Shape ys{n};
  if (axis >= 0) {
    ys = x.shape();
    ys[axis] = n;
  }
  r->y = HostTensor(x.dtype(), ys);
  r->indices = HostTensor(DType::kInt64, {n});
  r->inverse = HostTensor(DType::kInt64, {extent});
  r->counts = HostTensor(DType::kInt64, {n});
  auto y = r->y.values<T>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t k = 0; k < n; ++k) {
      for (int64_t i = 0; i < inner; ++i) y[(o * n + k) * inner + i] = at(first[perm[k]], o, i);
    }
  }
  for (int64_t k = 0; k < n; ++k) {
    r->indices.values<int64_t>()[k] = first[perm[k]];
    r->counts.values<int64_t>()[k] = count[perm[k]];
  }
  for (int64_t j = 0; j < extent; ++j) r->inverse.values<int64_t>()[j] = rank[inv[j]];
  return Status::Ok();
}

}  // namespace

Status Unique(const HostTensor& x, int64_t axis, bool sorted, UniqueResult* r) {
  switch (x.dtype()) {
    case DType::kFloat32:
      return UniqueTyped<float>(x, axis, sorted, r);
    case DType::kInt64:
      return UniqueTyped<int64_t>(x, axis, sorted, r);
    default:
      return Status::Error(Reason::kUnsupportedOp, "Unique takes float32 or int64");
  }
}

}  // namespace campaign::graph::reference
