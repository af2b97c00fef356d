// Reference integer / quantized-linear arithmetic (ONNX semantics):
//
//   DynamicQuantizeLinear(x) -> y uint8, y_scale, y_zero_point:
//     lo = min(0, min(x)), hi = max(0, max(x)); scale = (hi - lo) / 255
//     (1 / 255 when hi == lo); zp = round_half_even(clamp(0 - lo / scale,
//     0, 255)); y = saturate(round_half_even(x / scale) + zp).
//   MatMulInteger(a, b, a_zp?, b_zp?) = (a - a_zp) x (b - b_zp) in int32.
//   QLinearMatMul: saturate(round_half_even(acc * (a_scale * b_scale /
//     y_scale)) + y_zp) with acc the MatMulInteger product (the product
//     with the scale ratio in double, as numpy promotes int32 * float32).
//
// Element types of the quantized operands: int8 or uint8, each on its own.
// Convolutions: graph/reference/quant_linear_conv.h.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// A scale or zero point of one operand, resolved by the op's Infer: absent
// (zero point 0), one value (per tensor) or one per row / column / output
// channel (count values; row r uses value r).
struct QuantParam {
  const HostTensor* tensor = nullptr;  // null: absent
  int64_t count = 0;                   // 1 per tensor, else per row / column / channel
};

// Value k of a zero point (int8, uint8 or int32 tensor); 0 when absent.
int32_t ZeroPointAt(const QuantParam& zp, int64_t k);
// Value k (k % count) of a float32 scale.
float ScaleAt(const QuantParam& s, int64_t k);

// Integer k of an int8 / uint8 / int32 tensor.
int32_t IntAt(const HostTensor& t, int64_t k);

// requantize: saturate(round_half_even(acc * multiplier) + zp) to y's type
// range (int8 [-128, 127] or uint8 [0, 255]).
int32_t Requantize(int32_t acc, float multiplier, int32_t zp, DType y);

// REQUIRES: x float32; y uint8 with x's shape; scale float32 and zp uint8,
// one element each.
void DynamicQuantizeLinear(const HostTensor& x, HostTensor* y, HostTensor* scale, HostTensor* zp);

// The geometry of a (batched) matmul: a [batch?, m, k], b [batch?, k, n],
// y [batch, m, n]; a/b batch stride 0 when that operand is broadcast.
struct QMatMulDims {
  int64_t batch = 1, m = 1, k = 1, n = 1;
  int64_t a_batch_stride = 0, b_batch_stride = 0;
};

// a zero point per tensor or per row (count m), b per tensor or per column
// (count n). `scales`: null for MatMulInteger (y int32), else QLinearMatMul
// with a_scale, b_scale (counts as the zero points') and y_scale, y_zp.
struct QMatMulParams {
  QuantParam a_zp, b_zp;
  bool qlinear = false;
  QuantParam a_scale, b_scale, y_scale, y_zp;
};

// REQUIRES: shapes as `d` says; y int32 (MatMulInteger) or int8/uint8.
void QMatMul(const HostTensor& a, const HostTensor& b, const QMatMulDims& d, const QMatMulParams& p,
             HostTensor* y);

}  // namespace campaign::graph::reference
