// InstanceNormalization: the reference class. x [N, C, D1...] (any rank
// >= 3), scale and bias [C], `epsilon` (default 1e-5); each (n, c) plane is
// normalised over its spatial elements. It is GroupNormalization with one
// group per channel, so it shares that family's arithmetic
// (graph/reference/group_norm.h) and kernel (runner/kernels/group_norm.cl).
// Device class: runner/ops/instance_norm.cc.
#pragma once

#include <vector>

#include "graph/ops/group_norm.h"

namespace campaign::graph {

class InstanceNormOp : public NormGroupsOp {
 public:
  using NormGroupsOp::NormGroupsOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

}  // namespace campaign::graph
