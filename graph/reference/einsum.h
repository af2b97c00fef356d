// Reference Einsum: any equation numpy accepts over float32 operands —
// explicit ("bij,bjk->bik") or implicit ("ij,jk") output, repeated labels
// within an operand (diagonals: "ii->i", "bii->bi"), labels summed away
// (reductions, inner products, traces), one "..." per term (broadcast
// batch dims, right-aligned; size-1 dims broadcast). Op class:
// graph/ops/einsum.h; kernel: runner/kernels/einsum.cl.
//
// Every label becomes a loop with one stride per operand (the sum of the
// strides of the operand's dims that carry it, 0 where it broadcasts), so
// the contraction is a strided sum of products: output labels index Y, the
// others are summed.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

struct EinsumPlan {
  std::vector<int64_t> out_dims, sum_dims;  // extents of the output and summed labels
  // Per operand: its element strides over the output labels, then over the
  // summed labels (out_dims.size() + sum_dims.size() values).
  std::vector<std::vector<int64_t>> strides;
  Shape out_shape;
};

// kInvalidModel for a malformed equation or operand shapes that disagree.
Result<EinsumPlan> PlanEinsum(const std::string& equation, const std::vector<Shape>& shapes);

// Accumulates in double. REQUIRES: y shaped plan.out_shape.
void Einsum(const std::vector<const HostTensor*>& in, const EinsumPlan& plan, HostTensor* y);

}  // namespace campaign::graph::reference
