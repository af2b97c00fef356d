// Reference ConvInteger and QLinearConv (2-D, ONNX semantics): a direct
// integer convolution accumulating in int32,
//
//   acc[n, m, oh, ow] = bias[m] + sum over c, kh, kw of
//       (x[n, g*C/G + c, ih, iw] - x_zp) * (w[m, c, kh, kw] - w_zp[m])
//
// with padded taps contributing 0 (x - x_zp == 0 there, as ONNX pads the
// shifted input with zeros). ConvInteger writes acc (int32); QLinearConv
// writes saturate(round_half_even(acc * x_scale * w_scale[m] / y_scale) +
// y_zp) (graph/reference/quant_linear.h: Requantize).
#pragma once

#include "graph/reference/conv.h"
#include "graph/reference/quant_linear.h"

namespace campaign::graph::reference {

struct QConvParams {
  QuantParam x_zp, w_zp;             // w_zp per tensor or per output channel
  const HostTensor* bias = nullptr;  // int32 [M] (QLinearConv only)
  bool qlinear = false;
  QuantParam x_scale, w_scale, y_scale, y_zp;  // w_scale per tensor or channel
};

// REQUIRES: x [N, C, H, W], w [M, C/group, KH, KW] int8/uint8; y shaped by
// Conv2dOutputShape, int32 (ConvInteger) or int8/uint8 (QLinearConv).
void QConv2d(const HostTensor& x, const HostTensor& w, const Conv2dParams& p, const QConvParams& q,
             HostTensor* y);

}  // namespace campaign::graph::reference
