// Reference Softmax, LogSoftmax and Hardmax. Op class: graph/ops/softmax.h;
// device class: runner/ops/softmax.cc; kernels: runner/kernels/softmax.cl.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// Softmax, LogSoftmax or Hardmax (1 at the first maximum) along `axis`
// (normalized), numerically stable. Codes shared with kernels/softmax.cl.
enum class SoftmaxMode { kSoftmax = 0, kLogSoftmax = 1, kHardmax = 2 };
void Softmax(const HostTensor& x, int64_t axis, HostTensor* y,
             SoftmaxMode mode = SoftmaxMode::kSoftmax);

}  // namespace campaign::graph::reference
