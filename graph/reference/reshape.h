// Reference shape arithmetic of Reshape and Flatten. They only change the
// shape; the data is copied unchanged (graph/ops/reshape.h; the device plan
// aliases the buffers, runner/ops/reshape.cc).
#pragma once

#include <cstdint>
#include <span>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// ONNX Reshape: 0 copies the input dimension (unless allowzero), one -1 is
// inferred. kInvalidModel when the element counts disagree.
Result<Shape> ReshapeOutputShape(const Shape& in, std::span<const int64_t> spec, bool allowzero);
// [prod(in[:axis]), prod(in[axis:])].
Result<Shape> FlattenOutputShape(const Shape& in, int64_t axis);

}  // namespace campaign::graph::reference
