// Reference reductions (ReduceSum/Mean/Max/Min/Prod/L1/L2/SumSquare/LogSum/
// LogSumExp) and ArgMax/ArgMin, float32. Op classes: graph/ops/reduce.h;
// LayerNormalization: graph/reference/layer_norm.h.
#pragma once

#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Codes shared with kernels/reduce.cl.
enum class ReduceKind {
  kSum = 0,
  kMean = 1,
  kMax = 2,
  kMin = 3,
  kProd = 4,
  kL1 = 5,
  kL2 = 6,
  kSumSquare = 7,
  kLogSum = 8,
  kLogSumExp = 9,
};

// Which axes of `shape` are reduced: `axes` (possibly negative) or all when
// empty. kInvalidModel for out-of-range or repeated axes.
Result<std::vector<bool>> ReducedAxes(const Shape& shape, const std::vector<int64_t>& axes);
// Output shape: reduced dims become 1 (keepdims) or disappear.
Shape ReduceShape(const Shape& in, const std::vector<bool>& reduced, bool keepdims);

// REQUIRES: y has ReduceShape(x.shape(), reduced, ...) elements.
void Reduce(ReduceKind kind, const HostTensor& x, const std::vector<bool>& reduced, HostTensor* y);

// ArgMax/ArgMin along `axis` (normalized) into int64 y; ties pick the first
// index, or the last with `select_last`.
void ArgReduce(const HostTensor& x, int64_t axis, bool is_max, bool select_last, HostTensor* y);

}  // namespace campaign::graph::reference
