// Reference LRN (local response normalization across channels): for x
// [N, C, D1...], y = x / (bias + alpha / size * sum of x^2 over channels
// c - floor((size - 1) / 2) ... c + ceil((size - 1) / 2))^beta. Op class:
// graph/ops/lrn.h; kernel: runner/kernels/lrn.cl.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

struct LrnParams {
  int64_t size = 1;
  float alpha = 1e-4f, beta = 0.75f, bias = 1.0f;
};

// REQUIRES: x rank >= 2 (channels at dim 1), y shaped like x.
void Lrn(const HostTensor& x, const LrnParams& p, HostTensor* y);

}  // namespace campaign::graph::reference
