// The device half shared by the ops that normalise sets of elements
// (graph::NormGroupsOp: InstanceNormalization, GroupNormalization,
// MeanVarianceNormalization): one group_norm_f32 launch
// (runner/kernels/group_norm.cl), one work group of 64 per set.
#pragma once

#include <string>
#include <vector>

#include "graph/reference/group_norm.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {

class NormGroupsLaunch {
 public:
  // Binds x = in[0], scale/bias = in[1]/in[2] when `affine`, y = out[0].
  Status Prepare(cl::Runtime& rt, const graph::reference::NormLayout& layout, bool affine,
                 const std::vector<DeviceTensor>& in, const std::vector<DeviceTensor>& out,
                 const std::string& label);
  Status Enqueue(cl::Runtime& rt) const;

 private:
  cl::Buffer meta_;
  Launch launch_;
};

}  // namespace campaign::runner::ops
