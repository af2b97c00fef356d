// Reference normalization over groups of elements, the arithmetic shared by
// InstanceNormalization, GroupNormalization and MeanVarianceNormalization
// (op classes: graph/ops/instance_norm.h, graph/ops/group_norm.h; kernel:
// runner/kernels/group_norm.cl, group_norm_f32).
//
// x is seen as `groups` sets of elements. A set is one combination of the
// kept dims; its elements are every combination of the reduced dims. Each
// element becomes (x - mean) / sqrt(var + eps) (kEpsInside: Instance/Group
// norm) or (x - mean) / (sqrt(var) + eps) (kEpsOutside: MVN's function
// body), var the biased variance of the set, then * scale[p] + bias[p] with
// p = (offset / param_div) % param_mod when an affine is given.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/tensor.h"

namespace campaign::graph::reference {

enum class EpsMode { kEpsInside = 0, kEpsOutside = 1 };

struct NormLayout {
  // Kept dims (one set per combination) and reduced dims, each with its
  // stride in x (elements). Either list may be empty (a single entry).
  std::vector<int64_t> kept_dims, kept_strides, red_dims, red_strides;
  int64_t param_div = 1, param_mod = 1;  // affine index rule (see above)
  EpsMode eps_mode = EpsMode::kEpsInside;
  float eps = 1e-5f;

  int64_t groups() const;
  int64_t group_size() const;
};

// Layout for x of `shape` whose sets are the elements that agree on every
// dim not in `reduced` (normalised axes). Adjacent dims that are contiguous
// in memory are merged.
NormLayout MakeNormLayout(const Shape& shape, const std::vector<int64_t>& reduced);

// y = normalize(x) per the layout; `scale` and `bias` (param_mod values
// each) may be null (no affine; both or neither). The statistics are
// accumulated in double.
void NormalizeGroups(const HostTensor& x, const NormLayout& l, const float* scale,
                     const float* bias, HostTensor* y);

}  // namespace campaign::graph::reference
