// Broadcasting binaries, Not and Where (declared in elementwise.h).
#include <cmath>
#include <cstring>
#include <type_traits>

#include "graph/reference/elementwise.h"
#include "graph/reference/parallel.h"

namespace campaign::graph::reference {

bool IsComparison(BinaryKind k) {
  return k >= BinaryKind::kEqual && k <= BinaryKind::kGreaterOrEqual;
}
bool IsLogic(BinaryKind k) { return k >= BinaryKind::kAnd && k <= BinaryKind::kXor; }

Result<DType> BinaryOutputType(BinaryKind kind, DType in, const std::string& what) {
  auto unsupported = [&]() -> Result<DType> {
    return Status::Error(Reason::kUnsupportedOp, what + ": inputs of type " +
                                                     std::string(DTypeName(in)) +
                                                     " are not supported by this operator");
  };
  if (IsLogic(kind)) return in == DType::kBool ? Result<DType>(DType::kBool) : unsupported();
  if (in == DType::kBool)
    return kind == BinaryKind::kEqual ? Result<DType>(DType::kBool) : unsupported();
  const bool is_float = in == DType::kFloat32 || in == DType::kFloat64;
  if (!is_float && !IsIntegerDType(in)) return unsupported();
  if (kind == BinaryKind::kShiftLeft || kind == BinaryKind::kShiftRight) {
    return IsUnsignedDType(in) ? Result<DType>(in) : unsupported();
  }
  if (IsComparison(kind)) return DType::kBool;
  if (!is_float && kind == BinaryKind::kPRelu) return unsupported();
  return in;
}

Result<DType> BinaryOutputType(BinaryKind kind, DType a, DType b, const std::string& what) {
  if (a == b) return BinaryOutputType(kind, a, what);
  auto numeric = [](DType t) { return t == DType::kFloat32 || IsIntegerDType(t); };
  if (kind == BinaryKind::kPow && numeric(a) && numeric(b)) return a;
  return Status::Error(Reason::kUnsupportedOp, what + ": inputs differ in type (" +
                                                   std::string(DTypeName(a)) + " and " +
                                                   std::string(DTypeName(b)) + ")");
}

namespace {

// Calls fn(i, ia, ib) for each output element with the broadcast offsets,
// in parallel over ranges of i: fn must write only output element i.
template <typename Fn>
void ForEachBroadcast(const Shape& out, const Shape& a, const Shape& b, Fn fn) {
  const std::vector<int64_t> sa = BroadcastStrides(a, out);
  const std::vector<int64_t> sb = BroadcastStrides(b, out);
  const int64_t rank = static_cast<int64_t>(out.size());
  ParallelFor(NumElements(out), 1, [&](int64_t begin, int64_t end) {
    std::vector<int64_t> idx(out.size(), 0);
    int64_t ia = 0, ib = 0;
    for (int64_t d = rank - 1, i = begin; d >= 0; --d) {
      idx[d] = i % out[d];
      i /= out[d];
      ia += idx[d] * sa[d];
      ib += idx[d] * sb[d];
    }
    for (int64_t i = begin; i < end; ++i) {
      fn(i, ia, ib);
      for (int64_t d = rank - 1; d >= 0; --d) {
        ia += sa[d];
        ib += sb[d];
        if (++idx[d] < out[d]) break;
        ia -= sa[d] * out[d];
        ib -= sb[d] * out[d];
        idx[d] = 0;
      }
    }
  });
}

// x^e on 64-bit patterns, wrapping; negative exponents give 0 but for
// bases 1 and -1 (kernels/elementwise.cl: int_pow).
uint64_t IntPow(uint64_t x, int64_t e) {
  if (e < 0) {
    if (x == 1) return 1;
    if (x == ~uint64_t{0}) return (e & 1) ? x : 1;
    return 0;
  }
  uint64_t r = 1;
  for (uint64_t k = static_cast<uint64_t>(e); k; k >>= 1) {
    if (k & 1) r *= x;
    x *= x;
  }
  return r;
}

// Integer arithmetic in 64 bits (W: int64_t, or uint64_t for unsigned T),
// wrapping to T.
template <typename T>
T IntArith(BinaryKind kind, T a, T b) {
  using W = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
  const W x = a, y = b;
  const uint64_t ux = static_cast<uint64_t>(x), uy = static_cast<uint64_t>(y);
  const bool minus_one = std::is_signed_v<T> && y == W(-1);  // x / -1 and x % -1 never trap
  switch (kind) {
    case BinaryKind::kAdd:
      return static_cast<T>(ux + uy);
    case BinaryKind::kSub:
      return static_cast<T>(ux - uy);
    case BinaryKind::kMul:
      return static_cast<T>(ux * uy);
    case BinaryKind::kDiv:
      if (y == 0) return 0;
      return minus_one ? static_cast<T>(uint64_t{0} - ux) : static_cast<T>(x / y);
    case BinaryKind::kPow:
      return static_cast<T>(IntPow(ux, static_cast<int64_t>(y)));
    case BinaryKind::kMax:
      return x > y ? a : b;
    case BinaryKind::kMin:
      return x < y ? a : b;
    case BinaryKind::kMod: {
      if (y == 0 || minus_one) return 0;
      W r = x % y;
      return static_cast<T>((r != 0 && ((r < 0) != (y < 0))) ? r + y : r);
    }
    case BinaryKind::kFmod:
      return y == 0 || minus_one ? T(0) : static_cast<T>(x % y);
    case BinaryKind::kShiftLeft:
      return uy >= 64 ? T(0) : static_cast<T>(ux << uy);
    case BinaryKind::kShiftRight:
      return uy >= 64 ? T(0) : static_cast<T>(ux >> uy);
    default:
      return 0;
  }
}

template <typename T>
T Arith(BinaryKind kind, T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return IntArith<T>(kind, a, b);
  }
  switch (kind) {
    case BinaryKind::kAdd:
      return a + b;
    case BinaryKind::kSub:
      return a - b;
    case BinaryKind::kMul:
      return a * b;
    case BinaryKind::kDiv:
      if constexpr (std::is_integral_v<T>) return b == 0 ? T(0) : a / b;
      return a / b;
    case BinaryKind::kPow:
      return static_cast<T>(std::pow(a, b));
    case BinaryKind::kMax:
      return a > b ? a : b;
    case BinaryKind::kMin:
      return a < b ? a : b;
    case BinaryKind::kPRelu:
      return a < T(0) ? a * b : a;
    case BinaryKind::kMod:
      if constexpr (std::is_integral_v<T>) {
        if (b == 0) return 0;
        T r = a % b;
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
      } else {
        return std::fmod(a, b);
      }
    case BinaryKind::kFmod:
      if constexpr (std::is_integral_v<T>) {
        return b == 0 ? T(0) : a % b;
      } else {
        return std::fmod(a, b);
      }
    default:
      return 0;
  }
}

template <typename T>
uint8_t Compare(BinaryKind kind, T a, T b) {
  switch (kind) {
    case BinaryKind::kEqual:
      return a == b;
    case BinaryKind::kLess:
      return a < b;
    case BinaryKind::kGreater:
      return a > b;
    case BinaryKind::kLessOrEqual:
      return a <= b;
    case BinaryKind::kGreaterOrEqual:
      return a >= b;
    default:
      return 0;
  }
}

template <typename T>
void BinaryTyped(BinaryKind kind, const HostTensor& a, const HostTensor& b, HostTensor* y) {
  auto pa = a.values<T>();
  auto pb = b.values<T>();
  if (IsComparison(kind)) {
    auto py = y->values<uint8_t>();
    ForEachBroadcast(y->shape(), a.shape(), b.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
      py[i] = Compare<T>(kind, pa[ia], pb[ib]);
    });
    return;
  }
  auto py = y->values<T>();
  ForEachBroadcast(y->shape(), a.shape(), b.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
    py[i] = Arith<T>(kind, pa[ia], pb[ib]);
  });
}

// Element i of an integer tensor as a 64-bit pattern (sign- or
// zero-extended), or of a float32 one.
int64_t IntBits(const HostTensor& t, int64_t i) {
  switch (t.dtype()) {
    case DType::kInt64:
      return t.values<int64_t>()[i];
    case DType::kInt32:
      return t.values<int32_t>()[i];
    case DType::kInt16:
      return t.values<int16_t>()[i];
    case DType::kInt8:
      return t.values<int8_t>()[i];
    case DType::kUInt8:
    case DType::kBool:
      return t.values<uint8_t>()[i];
    case DType::kUInt16:
      return t.values<uint16_t>()[i];
    case DType::kUInt32:
      return t.values<uint32_t>()[i];
    case DType::kUInt64:
      return static_cast<int64_t>(t.values<uint64_t>()[i]);
    default:
      return 0;
  }
}

float AsFloat(const HostTensor& t, int64_t i) {
  if (t.dtype() == DType::kFloat32) return t.values<float>()[i];
  if (t.dtype() == DType::kUInt64) return static_cast<float>(t.values<uint64_t>()[i]);
  return static_cast<float>(IntBits(t, i));
}

void StoreBits(HostTensor* t, int64_t i, int64_t v) {
  switch (t->dtype()) {
    case DType::kInt64:
      t->values<int64_t>()[i] = v;
      break;
    case DType::kInt32:
      t->values<int32_t>()[i] = static_cast<int32_t>(v);
      break;
    case DType::kInt16:
      t->values<int16_t>()[i] = static_cast<int16_t>(v);
      break;
    case DType::kInt8:
      t->values<int8_t>()[i] = static_cast<int8_t>(v);
      break;
    case DType::kUInt8:
      t->values<uint8_t>()[i] = static_cast<uint8_t>(v);
      break;
    case DType::kUInt16:
      t->values<uint16_t>()[i] = static_cast<uint16_t>(v);
      break;
    case DType::kUInt32:
      t->values<uint32_t>()[i] = static_cast<uint32_t>(v);
      break;
    case DType::kUInt64:
      t->values<uint64_t>()[i] = static_cast<uint64_t>(v);
      break;
    default:
      break;
  }
}

// Pow with base and exponent of different types (float32 or integer).
void MixedPow(const HostTensor& a, const HostTensor& b, HostTensor* y) {
  const bool float_exp = b.dtype() == DType::kFloat32;
  ForEachBroadcast(y->shape(), a.shape(), b.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
    if (y->dtype() == DType::kFloat32) {
      y->values<float>()[i] = std::pow(AsFloat(a, ia), AsFloat(b, ib));
      return;
    }
    const int64_t x = IntBits(a, ia);
    if (!float_exp) {
      StoreBits(y, i, static_cast<int64_t>(IntPow(static_cast<uint64_t>(x), IntBits(b, ib))));
      return;
    }
    const float e = b.values<float>()[ib];
    if (e == std::nearbyint(e) && std::fabs(e) < 0x1p62f) {
      StoreBits(y, i,
                static_cast<int64_t>(IntPow(static_cast<uint64_t>(x), static_cast<int64_t>(e))));
      return;
    }
    const float r = std::pow(AsFloat(a, ia), e);
    StoreBits(y, i, std::fabs(r) < 0x1p63f ? static_cast<int64_t>(r) : 0);
  });
}

}  // namespace

void Binary(BinaryKind kind, const HostTensor& a, const HostTensor& b, HostTensor* y) {
  if (a.dtype() != b.dtype()) return MixedPow(a, b, y);
  switch (a.dtype()) {
    case DType::kFloat32:
      return BinaryTyped<float>(kind, a, b, y);
    case DType::kFloat64:
      return BinaryTyped<double>(kind, a, b, y);
    case DType::kInt64:
      return BinaryTyped<int64_t>(kind, a, b, y);
    case DType::kInt32:
      return BinaryTyped<int32_t>(kind, a, b, y);
    case DType::kInt16:
      return BinaryTyped<int16_t>(kind, a, b, y);
    case DType::kInt8:
      return BinaryTyped<int8_t>(kind, a, b, y);
    case DType::kUInt8:
      return BinaryTyped<uint8_t>(kind, a, b, y);
    case DType::kUInt16:
      return BinaryTyped<uint16_t>(kind, a, b, y);
    case DType::kUInt32:
      return BinaryTyped<uint32_t>(kind, a, b, y);
    case DType::kUInt64:
      return BinaryTyped<uint64_t>(kind, a, b, y);
    case DType::kBool: {
      auto pa = a.values<uint8_t>();
      auto pb = b.values<uint8_t>();
      auto py = y->values<uint8_t>();
      ForEachBroadcast(y->shape(), a.shape(), b.shape(), [&](int64_t i, int64_t ia, int64_t ib) {
        bool u = pa[ia] != 0, v = pb[ib] != 0;
        py[i] = kind == BinaryKind::kAnd   ? (u && v)
                : kind == BinaryKind::kOr  ? (u || v)
                : kind == BinaryKind::kXor ? (u != v)
                                           : (u == v);
      });
      return;
    }
    case DType::kFloat16:   // computed in float32 (runner/ops/half_adapter.h)
    case DType::kBFloat16:  // rejected by BinaryOutputType
      assert(false && "Binary on float16/bfloat16");
      return;
  }
}

void Not(const HostTensor& x, HostTensor* y) {
  auto in = x.values<uint8_t>();
  auto out = y->values<uint8_t>();
  for (size_t i = 0; i < in.size(); ++i) out[i] = in[i] == 0;
}

void Where(const HostTensor& cond, const HostTensor& a, const HostTensor& b, HostTensor* y) {
  const Shape& out = y->shape();
  auto sc = BroadcastStrides(cond.shape(), out);
  auto sa = BroadcastStrides(a.shape(), out);
  auto sb = BroadcastStrides(b.shape(), out);
  size_t es = DTypeSize(y->dtype());
  auto pc = cond.values<uint8_t>();
  const auto* pa = static_cast<const std::byte*>(a.raw());
  const auto* pb = static_cast<const std::byte*>(b.raw());
  auto* py = static_cast<std::byte*>(y->raw());
  std::vector<int64_t> idx(out.size(), 0);
  int64_t n = NumElements(out);
  for (int64_t i = 0; i < n; ++i) {
    int64_t ic = 0, ia = 0, ib = 0;
    for (size_t d = 0; d < out.size(); ++d) {
      ic += idx[d] * sc[d];
      ia += idx[d] * sa[d];
      ib += idx[d] * sb[d];
    }
    const std::byte* src = pc[ic] ? pa + ia * es : pb + ib * es;
    std::memcpy(py + i * es, src, es);
    for (int64_t d = static_cast<int64_t>(out.size()) - 1; d >= 0; --d) {
      if (++idx[d] < out[d]) break;
      idx[d] = 0;
    }
  }
}

}  // namespace campaign::graph::reference
