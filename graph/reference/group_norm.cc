#include "graph/reference/group_norm.h"

#include <cmath>

namespace campaign::graph::reference {
namespace {

int64_t Product(const std::vector<int64_t>& v) {
  int64_t p = 1;
  for (int64_t d : v) p *= d;
  return p;
}

// Offset of combination `i` of `dims` (row-major) with `strides`.
int64_t OffsetOf(int64_t i, const std::vector<int64_t>& dims, const std::vector<int64_t>& strides) {
  int64_t at = 0;
  for (size_t d = dims.size(); d-- > 0;) {
    at += (i % dims[d]) * strides[d];
    i /= dims[d];
  }
  return at;
}

// Drops size-1 dims and merges neighbours that are contiguous in memory.
void Merge(std::vector<int64_t>* dims, std::vector<int64_t>* strides) {
  std::vector<int64_t> d2, s2;
  for (size_t k = 0; k < dims->size(); ++k) {
    if ((*dims)[k] == 1) continue;
    if (!d2.empty() && s2.back() == (*strides)[k] * (*dims)[k]) {
      d2.back() *= (*dims)[k];
      s2.back() = (*strides)[k];
    } else {
      d2.push_back((*dims)[k]);
      s2.push_back((*strides)[k]);
    }
  }
  *dims = std::move(d2);
  *strides = std::move(s2);
}

}  // namespace

int64_t NormLayout::groups() const { return Product(kept_dims); }
int64_t NormLayout::group_size() const { return Product(red_dims); }

NormLayout MakeNormLayout(const Shape& shape, const std::vector<int64_t>& reduced) {
  NormLayout l;
  auto strides = ContiguousStrides(shape);
  for (size_t d = 0; d < shape.size(); ++d) {
    bool red = false;
    for (int64_t r : reduced) red = red || r == static_cast<int64_t>(d);
    (red ? l.red_dims : l.kept_dims).push_back(shape[d]);
    (red ? l.red_strides : l.kept_strides).push_back(strides[d]);
  }
  Merge(&l.kept_dims, &l.kept_strides);
  Merge(&l.red_dims, &l.red_strides);
  return l;
}

void NormalizeGroups(const HostTensor& x, const NormLayout& l, const float* scale,
                     const float* bias, HostTensor* y) {
  auto px = x.values<float>();
  auto py = y->values<float>();
  const int64_t groups = l.groups(), n = l.group_size();
  if (x.size() == 0) return;
  std::vector<int64_t> at(static_cast<size_t>(n));
  for (int64_t j = 0; j < n; ++j) at[j] = OffsetOf(j, l.red_dims, l.red_strides);
  for (int64_t g = 0; g < groups; ++g) {
    const int64_t base = OffsetOf(g, l.kept_dims, l.kept_strides);
    double sum = 0;
    for (int64_t j = 0; j < n; ++j) sum += px[base + at[j]];
    const double mean = sum / static_cast<double>(n);
    double ss = 0;
    for (int64_t j = 0; j < n; ++j) {
      double d = px[base + at[j]] - mean;
      ss += d * d;
    }
    const double var = ss / static_cast<double>(n);
    const double inv = l.eps_mode == EpsMode::kEpsInside ? 1.0 / std::sqrt(var + l.eps)
                                                         : 1.0 / (std::sqrt(var) + l.eps);
    for (int64_t j = 0; j < n; ++j) {
      const int64_t o = base + at[j];
      double v = (px[o] - mean) * inv;
      if (scale) {
        const int64_t p = (o / l.param_div) % l.param_mod;
        v = v * scale[p] + bias[p];
      }
      py[o] = static_cast<float>(v);
    }
  }
}

}  // namespace campaign::graph::reference
