// Reference losses: NegativeLogLikelihoodLoss and (through LogSoftmax)
// SoftmaxCrossEntropyLoss, float32 scores with int64 targets.
#pragma once

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Codes shared with kernels/loss.cl.
enum class LossReduction { kNone = 0, kSum = 1, kMean = 2 };

struct NllParams {
  LossReduction reduction = LossReduction::kMean;
  bool has_ignore = false;
  int64_t ignore_index = 0;
};

// x [N, C, d...] (log-probabilities), target [N, d...] int64, weight [C] or
// null. y is [N, d...] for kNone, a scalar otherwise. kInvalidModel for a
// target outside [0, C) that is not ignore_index.
Status NllLoss(const HostTensor& x, const HostTensor& target, const HostTensor* weight,
               const NllParams& p, HostTensor* y);

}  // namespace campaign::graph::reference
