// Reference QuantizeLinear / DequantizeLinear (ONNX opset 13 semantics).
//
//   QuantizeLinear:   y = saturate(round_half_even(x / scale) + zero_point)
//   DequantizeLinear: y = (x - zero_point) * scale
//
// Per-tensor when `scale` has one element and rank 0 or 1; per-axis when it
// is 1-D with x.shape[axis] elements (one scale / zero point per slice along
// `axis`). Saturation is to the range of y's type (int8 [-128, 127], uint8
// [0, 255]).
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// How scale/zero point index the elements of x: element i uses parameter
// (i / inner) % channels (channels = 1, inner = size for per-tensor).
struct QuantAxis {
  int64_t channels = 1;
  int64_t inner = 1;
};

// Checks scale (float32) and zero point (same count, type `zp_type` when
// given) against x's shape and resolves the axis (negative counts from the
// end). kInvalidModel naming `what` when they do not fit.
Result<QuantAxis> ResolveQuantAxis(const Shape& x, const Shape& scale, const Shape* zero_point,
                                   int64_t axis, const std::string& what);

// REQUIRES: ResolveQuantAxis() ok for these shapes; x float32; y int8 or
// uint8 with x's shape; zero_point null or of y's type.
void QuantizeLinear(const HostTensor& x, const HostTensor& scale, const HostTensor* zero_point,
                    QuantAxis axis, HostTensor* y);

// REQUIRES: ResolveQuantAxis() ok; x int8, uint8 or int32; zero_point null
// or of x's type; y float32 with x's shape.
void DequantizeLinear(const HostTensor& x, const HostTensor& scale, const HostTensor* zero_point,
                      QuantAxis axis, HostTensor* y);

// round_half_even(v) saturated to [lo, hi]; the rounding of QuantizeLinear.
float QuantizeValue(float x, float scale, float zero_point, float lo, float hi);

}  // namespace campaign::graph::reference
