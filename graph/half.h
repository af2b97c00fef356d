// IEEE 754 binary16 ("half") on the host: conversions to and from float.
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

// A float32 tensor from a float16 one and back (same shape). REQUIRES: `t`
// has the source dtype (kFloat16 for ToFloat32, kFloat32 for ToFloat16).
HostTensor ToFloat32(const HostTensor& t);
HostTensor ToFloat16(const HostTensor& t);

}  // namespace campaign::graph
