// Broadcasting binaries, Not and Where (declared in elementwise.h).
#include <cmath>
#include <cstring>

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
  if (in == DType::kInt8 || in == DType::kUInt8) return unsupported();
  if (IsLogic(kind)) return in == DType::kBool ? Result<DType>(DType::kBool) : unsupported();
  if (in == DType::kBool)
    return kind == BinaryKind::kEqual ? Result<DType>(DType::kBool) : unsupported();
  if (IsComparison(kind)) return DType::kBool;
  if (in != DType::kFloat32 && (kind == BinaryKind::kPow || kind == BinaryKind::kPRelu)) {
    return unsupported();
  }
  return in;
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

template <typename T>
T Arith(BinaryKind kind, T a, T b) {
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

}  // namespace

void Binary(BinaryKind kind, const HostTensor& a, const HostTensor& b, HostTensor* y) {
  switch (a.dtype()) {
    case DType::kFloat32:
      return BinaryTyped<float>(kind, a, b, y);
    case DType::kInt64:
      return BinaryTyped<int64_t>(kind, a, b, y);
    case DType::kInt32:
      return BinaryTyped<int32_t>(kind, a, b, y);
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
    case DType::kInt8:
    case DType::kUInt8:
      return;              // rejected by BinaryOutputType
    case DType::kFloat16:  // computed in float32 (runner/ops/half_adapter.h)
      assert(false && "Binary on float16");
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
