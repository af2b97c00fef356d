// Reference Concat: rectangular copies along one axis. Op class:
// graph/ops/concat.h; device class: runner/ops/concat.cc (buffer-rect copies,
// no kernel).
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// Shape of concatenating `inputs` along `axis` (already normalized).
Result<Shape> ConcatOutputShape(const std::vector<Shape>& inputs, int64_t axis);
void Concat(const std::vector<const HostTensor*>& inputs, int64_t axis, HostTensor* y);

}  // namespace campaign::graph::reference
