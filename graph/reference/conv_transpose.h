// Reference ConvTranspose (1 to 3 spatial dims, groups, float32), scatter
// form: every input element adds x * w to the outputs its taps reach. The
// device kernel (runner/kernels/conv_transpose.cl) computes the same sums
// in gather form, so the two check each other.
#pragma once

#include <cstdint>

#include "graph/reference/window3d.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// win.pad_begin: the pads at the start of each dimension (the output is the
// full transposed convolution with pad_begin dropped in front and cut to
// y's extent at the end, so pad_end and output_padding are implied by y's
// shape). pad_begin may be negative (an output_shape larger than the full
// result). Unused: win.pad_end.
struct ConvTransposeParams {
  Window3d win;
  int64_t group = 1;
};

// The full-result extent of one dimension before pads: s*(in-1) +
// output_padding + (k-1)*d + 1.
inline int64_t ConvTransposeFullSize(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                                     int64_t output_padding) {
  return stride * (in - 1) + output_padding + (kernel - 1) * dilation + 1;
}

// y [N, M, o...] = conv_transpose(x [N, C, i...], w [C, M/group, k...]) +
// bias ([M] or null). REQUIRES: ranks 3..5, shapes consistent with p (the
// op class checks them).
void ConvTranspose(const HostTensor& x, const HostTensor& w, const HostTensor* bias,
                   const ConvTransposeParams& p, HostTensor* y);

}  // namespace campaign::graph::reference
