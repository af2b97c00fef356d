// IEEE 754 binary16 ("half") and bfloat16 on the host: conversions to and
// from float (and double).
//
// fp16 engines store weights and activations as half (runner DType
// kFloat16, element type uint16_t holding the bit pattern). The conversions
// here match OpenCL's vload_half / vstore_half_rte, so the CPU reference and
// the device round alike. Pure; any thread.
#pragma once

#include <cstdint>
#include <span>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph {

// Nearest half to `f`, ties to even. Values beyond the half range become
// +-inf, values below half the smallest subnormal become +-0, NaN stays NaN
// (quiet, payload truncated).
uint16_t FloatToHalf(float f);
// The exact float value of `h` (every half is representable as a float).
float HalfToFloat(uint16_t h);

// Element-wise; REQUIRES: the spans have the same size.
void FloatsToHalves(std::span<const float> in, std::span<uint16_t> out);
void HalvesToFloats(std::span<const uint16_t> in, std::span<float> out);

// Nearest half to `d`, ties to even, rounded once (not through float).
uint16_t DoubleToHalf(double d);
// bfloat16 (the top 16 bits of a float32): nearest to `f`, ties to even
// (NaN stays a quiet NaN), and its exact float value.
uint16_t FloatToBFloat16(float f);
float BFloat16ToFloat(uint16_t b);
// `d` rounded to float with round-to-odd (truncate, then set the last bit
// when inexact): rounding that result again to a format of at most 22
// significant bits (half, bfloat16) equals rounding `d` directly. Infinity
// and NaN stay; overflow gives the largest float (which then rounds to inf).
float DoubleToFloatRoundToOdd(double d);

// A float32 tensor from a float16 or float64 one (same shape), and a
// float32 tensor converted to `to` (kFloat16: to nearest even; kFloat64:
// exactly). REQUIRES: `t` has the source dtype.
HostTensor ToFloat32(const HostTensor& t);
HostTensor FromFloat32(const HostTensor& t, DType to);
HostTensor ToFloat16(const HostTensor& t);

}  // namespace campaign::graph
