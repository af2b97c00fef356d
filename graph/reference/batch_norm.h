// Reference BatchNormalization in inference mode (float32). Op class:
// graph/ops/batch_norm.h; kernel: runner/kernels/batch_norm.cl.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// y = (x - mean[c]) / sqrt(var[c] + epsilon) * scale[c] + bias[c], with c
// the index on axis 1 of x [N, C, ...]. Computed as the kernel does:
// (x - mean) * (scale / sqrt(var + epsilon)) + bias, in float.
// REQUIRES: x has rank >= 2; scale, bias, mean, var hold C values each; y
// is shaped like x.
void BatchNorm(const HostTensor& x, const HostTensor& scale, const HostTensor& bias,
               const HostTensor& mean, const HostTensor& var, float epsilon, HostTensor* y);

}  // namespace campaign::graph::reference
