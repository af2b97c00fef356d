// Reference BatchNormalization in inference and training mode (float32). Op class:
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

// Training mode (opset 14/15 training_mode=1): per channel, the batch mean
// and population variance (divided by the count) of x over every axis but
// axis 1, computed in double; y as BatchNorm with those; when not null,
// running_mean = mean * momentum + batch_mean * (1 - momentum) and
// running_var likewise from var and the batch variance (ONNX's
// _batchnorm_training_mode). REQUIRES: as BatchNorm; running_* hold C values.
void BatchNormTraining(const HostTensor& x, const HostTensor& scale, const HostTensor& bias,
                       const HostTensor& mean, const HostTensor& var, float epsilon, float momentum,
                       HostTensor* y, HostTensor* running_mean, HostTensor* running_var);

}  // namespace campaign::graph::reference
