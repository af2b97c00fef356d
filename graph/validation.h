// Comparing device outputs with the CPU reference.
#pragma once

#include <vector>

#include "common/run_result.h"
#include "graph/tensor.h"

namespace campaign::graph {

// Compares all outputs (flattened together; integer and bool outputs as
// numbers).
// passed = norm_rel_error <= tolerance, and no NaN/Inf mismatch. Pure.
// REQUIRES: got and ref have the same count, dtypes and shapes.
Validation CompareOutputs(const std::vector<HostTensor>& got, const std::vector<HostTensor>& ref,
                          double tolerance);

}  // namespace campaign::graph
