// Reference MaxUnpool (ONNX opset 9/11): y = zeros(default shape), then
// y.flat[I.flat[i]] = X.flat[i] for every i in order (indices as MaxPool's
// Indices output gives them: flattened over the whole default-shaped
// output, N and C included), then padded at the end of each dim to the
// given output_shape (ONNX's test_maxunpool_export_with_output_shape).
// Indices outside the default shape are skipped.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The default output shape: [N, C, (in_d - 1) * stride_d - pad_begin_d -
// pad_end_d + kernel_d ...] for x [N, C, in...]. `pads` has 2 * spatial
// values (all begins, then all ends); empty strides / pads mean 1 / 0.
// kInvalidModel when the attributes do not fit x or a dim is not positive.
Result<Shape> MaxUnpoolOutputShape(const Shape& x, const std::vector<int64_t>& kernel,
                                   const std::vector<int64_t>& strides,
                                   const std::vector<int64_t>& pads, const std::string& what);

// The flat index space as [outer, h, w] planes: the default shape's
// (h, w) and the output's (out_h, out_w); the output adds rows/columns at
// the end of each plane.
struct UnpoolPlanes {
  int64_t outer = 1, h = 1, w = 1, out_h = 1, out_w = 1;
};

// REQUIRES: x float32, indices int64 of x's shape, y float32 of
// outer * out_h * out_w elements.
void MaxUnpool(const HostTensor& x, const HostTensor& indices, const UnpoolPlanes& p,
               HostTensor* y);

}  // namespace campaign::graph::reference
