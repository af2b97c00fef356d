#include "graph/half.h"

#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

namespace campaign::graph {

uint16_t FloatToHalf(float f) {
  uint32_t x;
  std::memcpy(&x, &f, sizeof(x));
  const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
  const uint32_t mag = x & 0x7fffffffu;
  if (mag > 0x7f800000u) {  // NaN: keep it a (quiet) NaN
    return static_cast<uint16_t>(sign | 0x7e00u | ((mag >> 13) & 0x3ffu));
  }
  if (mag >= 0x47800000u) return static_cast<uint16_t>(sign | 0x7c00u);  // >= 2^16, inf
  if (mag < 0x38800000u) {               // below 2^-14: a half subnormal or zero
    if (mag < 0x33000000u) return sign;  // below 2^-25: rounds to zero
    const uint32_t e = mag >> 23;
    const uint32_t m = (mag & 0x7fffffu) | 0x800000u;
    const uint32_t shift = 126 - e;  // in [14, 24]
    uint32_t h = m >> shift;
    const uint32_t rem = m & ((1u << shift) - 1);
    const uint32_t halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (h & 1u))) ++h;
    return static_cast<uint16_t>(sign | h);
  }
  // Normal: rebias the exponent (127 -> 15) and round the 13 dropped bits;
  // a carry out of the mantissa correctly bumps the exponent (up to inf).
  uint32_t h = (mag >> 13) - ((127u - 15u) << 10);
  const uint32_t rem = mag & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;
  return static_cast<uint16_t>(sign | h);
}

float HalfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t e = (h >> 10) & 0x1fu;
  const uint32_t m = h & 0x3ffu;
  uint32_t x;
  if (e == 0) {
    const float v = std::ldexp(static_cast<float>(m), -24);
    return sign ? -v : v;
  }
  if (e == 31) {
    x = sign | 0x7f800000u | (m << 13);
  } else {
    x = sign | ((e + 112u) << 23) | (m << 13);
  }
  float f;
  std::memcpy(&f, &x, sizeof(f));
  return f;
}

void FloatsToHalves(std::span<const float> in, std::span<uint16_t> out) {
  assert(in.size() == out.size());
  for (size_t i = 0; i < in.size(); ++i) out[i] = FloatToHalf(in[i]);
}

void HalvesToFloats(std::span<const uint16_t> in, std::span<float> out) {
  assert(in.size() == out.size());
  for (size_t i = 0; i < in.size(); ++i) out[i] = HalfToFloat(in[i]);
}

float DoubleToFloatRoundToOdd(double d) {
  if (!std::isfinite(d)) return static_cast<float>(d);
  const double a = std::fabs(d);
  float f = a >= static_cast<double>(std::numeric_limits<float>::max())
                ? std::numeric_limits<float>::max()
                : static_cast<float>(a);
  if (static_cast<double>(f) > a) f = std::nextafter(f, 0.0f);  // truncate
  if (static_cast<double>(f) != a) {                            // inexact: make it odd
    uint32_t x;
    std::memcpy(&x, &f, sizeof(x));
    x |= 1u;
    std::memcpy(&f, &x, sizeof(f));
  }
  return std::signbit(d) ? -f : f;
}

uint16_t DoubleToHalf(double d) { return FloatToHalf(DoubleToFloatRoundToOdd(d)); }

uint16_t FloatToBFloat16(float f) {
  uint32_t x;
  std::memcpy(&x, &f, sizeof(x));
  if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);  // NaN
  const uint32_t rem = x & 0xffffu;
  uint32_t b = x >> 16;
  if (rem > 0x8000u || (rem == 0x8000u && (b & 1u))) ++b;  // a carry reaches inf correctly
  return static_cast<uint16_t>(b);
}

float BFloat16ToFloat(uint16_t b) {
  const uint32_t x = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &x, sizeof(f));
  return f;
}

HostTensor ToFloat32(const HostTensor& t) {
  HostTensor out(DType::kFloat32, t.shape());
  if (t.dtype() == DType::kFloat64) {
    auto in = t.values<double>();
    auto o = out.values<float>();
    for (size_t i = 0; i < in.size(); ++i) o[i] = static_cast<float>(in[i]);
    return out;
  }
  HalvesToFloats(t.values<uint16_t>(), out.values<float>());
  return out;
}

HostTensor FromFloat32(const HostTensor& t, DType to) {
  if (to == DType::kFloat16) return ToFloat16(t);
  HostTensor out(DType::kFloat64, t.shape());
  auto in = t.values<float>();
  auto o = out.values<double>();
  for (size_t i = 0; i < in.size(); ++i) o[i] = in[i];
  return out;
}

HostTensor ToFloat16(const HostTensor& t) {
  HostTensor out(DType::kFloat16, t.shape());
  FloatsToHalves(t.values<float>(), out.values<uint16_t>());
  return out;
}

}  // namespace campaign::graph
