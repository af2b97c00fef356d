// Reference 2-D pooling (NCHW, float32): MaxPool, AveragePool,
// GlobalAveragePool.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The codes are shared with kernels/pool.cl.
enum class PoolKind { kMax = 0, kAverage = 1 };

struct Pool2dParams {
  PoolKind kind = PoolKind::kMax;
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  int64_t dilation_h = 1, dilation_w = 1;
  bool ceil_mode = false;
  bool count_include_pad = false;  // AveragePool: divide by the padded window
};

// Output extent of one spatial dimension. With ceil_mode, a last window that
// would start inside the end padding is dropped (PyTorch/onnxruntime rule).
int64_t PoolOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad_begin,
                       int64_t pad_end, int64_t dilation, bool ceil_mode);

// [N, C, OH, OW] for x [N, C, H, W]; kInvalidModel on a bad rank or an empty
// output.
Result<Shape> Pool2dOutputShape(const Shape& x, const Pool2dParams& p);

// REQUIRES: y shaped by Pool2dOutputShape.
void Pool2d(const HostTensor& x, const Pool2dParams& p, HostTensor* y);

// y [N, C, 1, 1] = mean over H, W of x [N, C, H, W].
void GlobalAveragePool(const HostTensor& x, HostTensor* y);

}  // namespace campaign::graph::reference
