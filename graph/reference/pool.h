// Reference pooling (float32): 2-D MaxPool and AveragePool (Pool2d, the
// arithmetic of the pool2d_f32 kernel), N-D MaxPool (with Indices),
// AveragePool and LpPool and the global forms of Max and Lp (PoolNd, the
// arithmetic of poolnd_f32), GlobalAveragePool.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/reference/window3d.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The codes are shared with kernels/pool.cl.
enum class PoolKind { kMax = 0, kAverage = 1, kLp = 2 };

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

// Pooling over 1 to 3 spatial dims (reference/window3d.h), or over all of
// them flattened to one (the global forms).
struct PoolNdParams {
  PoolKind kind = PoolKind::kMax;
  Window3d win;
  bool ceil_mode = false;
  bool count_include_pad = false;     // AveragePool, as Pool2dParams
  float p = 2.0f;                     // LpPool: y = (sum |x|^p)^(1/p)
  bool column_major_indices = false;  // MaxPool storage_order 1
  // The view the loops run over: N*C planes of extents `in`, output `out`.
  int64_t planes = 0;
  Dims3 in{1, 1, 1}, out{1, 1, 1};
};

// Sets p->planes, p->in and p->out for x [N, C, s...] (rank 3 to 5) and
// returns y's shape; kInvalidModel on an empty output.
Result<Shape> PoolNdOutputShape(const Shape& x, PoolNdParams* p);

// The global form over any rank >= 3: the window is all spatial dims,
// flattened to one; y is [N, C, 1, ...].
Shape GlobalPoolNdShape(const Shape& x, PoolNdParams* p);

// y (and `indices`, int64 of y's shape, when not null: the maximum's flat
// index in x, its spatial part row-major or, with column_major_indices,
// column-major; the first maximum wins ties). REQUIRES: p set by one of the
// two functions above for x; indices only for kMax.
void PoolNd(const HostTensor& x, const PoolNdParams& p, HostTensor* y, HostTensor* indices);

// MaxPool on int8 or uint8 x: PoolNd's kMax (windows, Indices, ties) on the
// exact integer values; y has x's type (a window of padding alone gives the
// type's minimum). REQUIRES: as PoolNd, p.kind == kMax.
void MaxPoolNdInt8(const HostTensor& x, const PoolNdParams& p, HostTensor* y, HostTensor* indices);

// y [N, C, 1, 1] = mean over H, W of x [N, C, H, W].
void GlobalAveragePool(const HostTensor& x, HostTensor* y);

}  // namespace campaign::graph::reference
