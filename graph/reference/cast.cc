#include "graph/reference/cast.h"

#include <cmath>
#include <cstdint>

#include "graph/half.h"

namespace campaign::graph::reference {

namespace {

// One element: floats as their exact double value, integers as 64 bits.
struct Value {
  enum { kFloat, kSigned, kUnsigned } kind;
  double f = 0;
  uint64_t bits = 0;  // kSigned: the int64 pattern
};

Value Load(const HostTensor& x, int64_t i) {
  switch (x.dtype()) {
    case DType::kFloat32:
      return {Value::kFloat, x.values<float>()[i]};
    case DType::kFloat64:
      return {Value::kFloat, x.values<double>()[i]};
    case DType::kFloat16:
      return {Value::kFloat, HalfToFloat(x.values<uint16_t>()[i])};
    case DType::kBFloat16:
      return {Value::kFloat, BFloat16ToFloat(x.values<uint16_t>()[i])};
    case DType::kInt64:
      return {Value::kSigned, 0, static_cast<uint64_t>(x.values<int64_t>()[i])};
    case DType::kInt32:
      return {Value::kSigned, 0, static_cast<uint64_t>(int64_t{x.values<int32_t>()[i]})};
    case DType::kInt16:
      return {Value::kSigned, 0, static_cast<uint64_t>(int64_t{x.values<int16_t>()[i]})};
    case DType::kInt8:
      return {Value::kSigned, 0, static_cast<uint64_t>(int64_t{x.values<int8_t>()[i]})};
    case DType::kBool:
      return {Value::kUnsigned, 0, x.values<uint8_t>()[i] != 0 ? 1u : 0u};
    case DType::kUInt8:
      return {Value::kUnsigned, 0, x.values<uint8_t>()[i]};
    case DType::kUInt16:
      return {Value::kUnsigned, 0, x.values<uint16_t>()[i]};
    case DType::kUInt32:
      return {Value::kUnsigned, 0, x.values<uint32_t>()[i]};
    case DType::kUInt64:
      return {Value::kUnsigned, 0, x.values<uint64_t>()[i]};
  }
  return {};
}

// The integer's value rounded to double with round-to-odd (exact below
// 2^53), so that a second rounding to a narrower format is correct.
double IntRoundToOdd(const Value& v) {
  const bool neg = v.kind == Value::kSigned && static_cast<int64_t>(v.bits) < 0;
  uint64_t mag = neg ? uint64_t{0} - v.bits : v.bits;
  int shift = 0;
  while ((mag >> shift) >= (uint64_t{1} << 53)) ++shift;
  uint64_t keep = mag >> shift;
  if (shift > 0 && (mag & ((uint64_t{1} << shift) - 1)) != 0) keep |= 1;
  const double d = std::ldexp(static_cast<double>(keep), shift);
  return neg ? -d : d;
}

// Float to a 64-bit integer pattern: truncation toward zero, wrapping;
// NaN and infinity give 0 (as the device's cast_any does).
uint64_t FloatToBits(double d) {
  if (!std::isfinite(d)) return 0;
  d = std::trunc(d);
  const double m = std::fabs(d);
  uint64_t mag = m < 18446744073709551616.0 ? static_cast<uint64_t>(m) : 0;
  return d < 0 ? uint64_t{0} - mag : mag;
}

template <typename TO>
void StoreInt(const Value& v, TO* out) {
  uint64_t bits = v.kind == Value::kFloat ? FloatToBits(v.f) : v.bits;
  *out = static_cast<TO>(bits);
}

double ToDouble(const Value& v) {
  if (v.kind == Value::kFloat) return v.f;
  if (v.kind == Value::kSigned) return static_cast<double>(static_cast<int64_t>(v.bits));
  return static_cast<double>(v.bits);
}

float ToFloat(const Value& v) {
  if (v.kind == Value::kFloat) return static_cast<float>(v.f);
  if (v.kind == Value::kSigned) return static_cast<float>(static_cast<int64_t>(v.bits));
  return static_cast<float>(v.bits);
}

// Round-to-odd float: rounding it again to half/bfloat16 is exact rounding.
float ToFloatRoundToOdd(const Value& v) {
  return DoubleToFloatRoundToOdd(v.kind == Value::kFloat ? v.f : IntRoundToOdd(v));
}

}  // namespace

double ValueAsDouble(const HostTensor& x, int64_t i) { return ToDouble(Load(x, i)); }

void Cast(const HostTensor& x, HostTensor* y) {
  for (int64_t i = 0; i < x.size(); ++i) {
    const Value v = Load(x, i);
    switch (y->dtype()) {
      case DType::kFloat32:
        y->values<float>()[i] = ToFloat(v);
        break;
      case DType::kFloat64:
        y->values<double>()[i] = ToDouble(v);
        break;
      case DType::kFloat16:
        y->values<uint16_t>()[i] = FloatToHalf(ToFloatRoundToOdd(v));
        break;
      case DType::kBFloat16:
        y->values<uint16_t>()[i] = FloatToBFloat16(ToFloatRoundToOdd(v));
        break;
      case DType::kBool:
        y->values<uint8_t>()[i] = v.kind == Value::kFloat ? v.f != 0.0 : v.bits != 0;
        break;
      case DType::kInt64:
        StoreInt(v, &y->values<int64_t>()[i]);
        break;
      case DType::kInt32:
        StoreInt(v, &y->values<int32_t>()[i]);
        break;
      case DType::kInt16:
        StoreInt(v, &y->values<int16_t>()[i]);
        break;
      case DType::kInt8:
        StoreInt(v, &y->values<int8_t>()[i]);
        break;
      case DType::kUInt8:
        StoreInt(v, &y->values<uint8_t>()[i]);
        break;
      case DType::kUInt16:
        StoreInt(v, &y->values<uint16_t>()[i]);
        break;
      case DType::kUInt32:
        StoreInt(v, &y->values<uint32_t>()[i]);
        break;
      case DType::kUInt64:
        StoreInt(v, &y->values<uint64_t>()[i]);
        break;
    }
  }
}

}  // namespace campaign::graph::reference
