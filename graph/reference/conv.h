// Reference convolution (float32, groups): 2-D (NCHW, OIHW weights) below,
// and ConvNd for 1 to 3 spatial dims (a direct loop).
//
// Depthwise (group == channels): a direct loop, one output plane per task.
// Otherwise one matrix product per (batch, group) through OpenBLAS
// (graph/reference/sgemm.h): weights [M/group, C/group*KH*KW] times the
// im2col of the input, or the input itself for a 1x1 kernel with stride 1
// and no padding. Results do not depend on ReferenceThreads() and are within
// float32 rounding of naive.h's loop.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "graph/reference/window3d.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

struct Conv2dParams {
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  int64_t dilation_h = 1, dilation_w = 1;
  int64_t group = 1;
};

// Output shape [N, M, OH, OW] for x [N, C, H, W] and w [M, C/group, KH, KW].
// kInvalidModel when the shapes disagree with each other or with `p`.
Result<Shape> Conv2dOutputShape(const Shape& x, const Shape& w, const Conv2dParams& p);

// y = conv(x, w) + bias. `bias` may be null (else shape [M]).
// REQUIRES: y shaped by Conv2dOutputShape.
void Conv2d(const HostTensor& x, const HostTensor& w, const HostTensor* bias, const Conv2dParams& p,
            HostTensor* y);

// Output shape [N, M, o...] for x [N, C, i...] and w [M, C/group, k...]
// of equal rank 3 to 5 (windows normalized as reference/window3d.h says;
// win.kernel must be w's kernel). kInvalidModel when they disagree.
Result<Shape> ConvNdOutputShape(const Shape& x, const Shape& w, const Window3d& win, int64_t group);

// y = conv(x, w) + bias over 1 to 3 spatial dims, a direct loop (sum: bias,
// then channels and taps in order). `bias` may be null (else [M]).
// REQUIRES: y shaped by ConvNdOutputShape.
void ConvNd(const HostTensor& x, const HostTensor& w, const HostTensor* bias, const Window3d& win,
            int64_t group, HostTensor* y);

}  // namespace campaign::graph::reference
