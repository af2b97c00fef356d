#include "graph/reference/elementwise.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "graph/reference/cast.h"

namespace campaign::graph::reference {

float UnaryValue(UnaryKind kind, float p0, float p1, float v) {
  switch (kind) {
    case UnaryKind::kRelu:
      return v > 0.0f ? v : 0.0f;
    case UnaryKind::kClip:
      return std::min(std::max(v, p0), p1);
    case UnaryKind::kSigmoid:
      return 1.0f / (1.0f + std::exp(-v));
    case UnaryKind::kNeg:
      return -v;
    case UnaryKind::kAbs:
      return std::fabs(v);
    case UnaryKind::kExp:
      return std::exp(v);
    case UnaryKind::kLog:
      return std::log(v);
    case UnaryKind::kSqrt:
      return std::sqrt(v);
    case UnaryKind::kErf:
      return std::erf(v);
    case UnaryKind::kTanh:
      return std::tanh(v);
    case UnaryKind::kReciprocal:
      return 1.0f / v;
    case UnaryKind::kFloor:
      return std::floor(v);
    case UnaryKind::kCeil:
      return std::ceil(v);
    case UnaryKind::kSin:
      return std::sin(v);
    case UnaryKind::kCos:
      return std::cos(v);
    case UnaryKind::kTan:
      return std::tan(v);
    case UnaryKind::kAsin:
      return std::asin(v);
    case UnaryKind::kAcos:
      return std::acos(v);
    case UnaryKind::kAtan:
      return std::atan(v);
    case UnaryKind::kSinh:
      return std::sinh(v);
    case UnaryKind::kCosh:
      return std::cosh(v);
    case UnaryKind::kAsinh:
      return std::asinh(v);
    case UnaryKind::kAcosh:
      return std::acosh(v);
    case UnaryKind::kAtanh:
      return std::atanh(v);
    case UnaryKind::kSoftplus:
      return std::log1p(std::exp(v));
    case UnaryKind::kSoftsign:
      return v / (1.0f + std::fabs(v));
    case UnaryKind::kLeakyRelu:
      return v >= 0.0f ? v : p0 * v;
    case UnaryKind::kElu:
      return v >= 0.0f ? v : p0 * (std::exp(v) - 1.0f);
    case UnaryKind::kSelu:
      return v > 0.0f ? p1 * v : p1 * (p0 * std::exp(v) - p0);
    case UnaryKind::kHardSigmoid:
      return std::max(0.0f, std::min(1.0f, p0 * v + p1));
    case UnaryKind::kHardSwish:
      return v * std::max(0.0f, std::min(1.0f, v / 6.0f + 0.5f));
    case UnaryKind::kThresholdedRelu:
      return v > p0 ? v : 0.0f;
    case UnaryKind::kCelu:
      return std::max(0.0f, v) + std::min(0.0f, p0 * (std::exp(v / p0) - 1.0f));
    case UnaryKind::kRound:
      return std::nearbyint(v);
    case UnaryKind::kSign:
      return static_cast<float>((v > 0.0f) - (v < 0.0f));
  }
  return 0;
}

bool IntegerUnary(UnaryKind kind) {
  return kind == UnaryKind::kNeg || kind == UnaryKind::kAbs || kind == UnaryKind::kSign ||
         kind == UnaryKind::kRelu || kind == UnaryKind::kClip;
}

bool Float64Unary(UnaryKind kind) {
  switch (kind) {
    case UnaryKind::kRelu:
    case UnaryKind::kNeg:
    case UnaryKind::kAbs:
    case UnaryKind::kSign:
    case UnaryKind::kFloor:
    case UnaryKind::kCeil:
    case UnaryKind::kRound:
    case UnaryKind::kSqrt:
    case UnaryKind::kReciprocal:
    case UnaryKind::kExp:
    case UnaryKind::kLog:
      return true;
    default:
      return false;
  }
}

namespace {

// One float64 value of a Float64Unary() kind, as unary_f64 computes it.
double DoubleUnaryValue(UnaryKind kind, double v) {
  switch (kind) {
    case UnaryKind::kRelu:
      return v > 0 ? v : 0.0;
    case UnaryKind::kNeg:
      return -v;
    case UnaryKind::kAbs:
      return std::fabs(v);
    case UnaryKind::kSign:
      return static_cast<double>((v > 0) - (v < 0));
    case UnaryKind::kFloor:
      return std::floor(v);
    case UnaryKind::kCeil:
      return std::ceil(v);
    case UnaryKind::kRound:
      return std::nearbyint(v);
    case UnaryKind::kSqrt:
      return std::sqrt(v);
    case UnaryKind::kReciprocal:
      return 1.0 / v;
    case UnaryKind::kExp:
      return std::exp(v);
    default:  // kLog
      return std::log(v);
  }
}

// W: int64_t, or uint64_t for unsigned T; lo/hi are W's bit patterns.
template <typename T>
void IntUnary(UnaryKind kind, const HostTensor& x, HostTensor* y, int64_t lo, int64_t hi) {
  using W = std::conditional_t<std::is_signed_v<T>, int64_t, uint64_t>;
  auto in = x.values<T>();
  auto out = y->values<T>();
  const W wlo = static_cast<W>(lo), whi = static_cast<W>(hi);
  for (size_t i = 0; i < in.size(); ++i) {
    const W v = in[i];
    const uint64_t u = static_cast<uint64_t>(v);
    switch (kind) {
      case UnaryKind::kNeg:
        out[i] = static_cast<T>(uint64_t{0} - u);
        break;
      case UnaryKind::kAbs:
        out[i] = static_cast<T>(v < 0 ? uint64_t{0} - u : u);
        break;
      case UnaryKind::kSign:
        out[i] = static_cast<T>((v > 0) - (v < 0));
        break;
      case UnaryKind::kClip:
        out[i] = static_cast<T>(v < wlo ? wlo : v > whi ? whi : v);
        break;
      default:
        out[i] = static_cast<T>(v > 0 ? v : 0);
        break;
    }
  }
}

}  // namespace

void Unary(UnaryKind kind, float p0, float p1, const HostTensor& x, HostTensor* y, int64_t lo,
           int64_t hi) {
  switch (x.dtype()) {
    case DType::kInt64:
      return IntUnary<int64_t>(kind, x, y, lo, hi);
    case DType::kInt32:
      return IntUnary<int32_t>(kind, x, y, lo, hi);
    case DType::kInt16:
      return IntUnary<int16_t>(kind, x, y, lo, hi);
    case DType::kInt8:
      return IntUnary<int8_t>(kind, x, y, lo, hi);
    case DType::kUInt8:
      return IntUnary<uint8_t>(kind, x, y, lo, hi);
    case DType::kUInt16:
      return IntUnary<uint16_t>(kind, x, y, lo, hi);
    case DType::kUInt32:
      return IntUnary<uint32_t>(kind, x, y, lo, hi);
    case DType::kUInt64:
      return IntUnary<uint64_t>(kind, x, y, lo, hi);
    case DType::kFloat64: {
      auto in = x.values<double>();
      auto out = y->values<double>();
      for (size_t i = 0; i < in.size(); ++i) out[i] = DoubleUnaryValue(kind, in[i]);
      return;
    }
    default:
      break;
  }
  auto in = x.values<float>();
  auto out = y->values<float>();
  for (size_t i = 0; i < in.size(); ++i) out[i] = UnaryValue(kind, p0, p1, in[i]);
}

void FloatClass(const HostTensor& x, HostTensor* y, bool nan, bool pos, bool neg) {
  auto out = y->values<uint8_t>();
  for (int64_t i = 0; i < x.size(); ++i) {
    const double v = ValueAsDouble(x, i);
    out[i] = nan ? std::isnan(v) : std::isinf(v) && (v > 0 ? pos : neg);
  }
}

Result<Shape> BroadcastShape(const Shape& a, const Shape& b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) {
      return Status::Error(Reason::kInvalidModel, "shapes " + ShapeToString(a) + " and " +
                                                      ShapeToString(b) +
                                                      " cannot be broadcast together");
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

std::vector<int64_t> BroadcastStrides(const Shape& in, const Shape& out) {
  std::vector<int64_t> strides(out.size(), 0);
  std::vector<int64_t> own = ContiguousStrides(in);
  size_t lead = out.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i) {
    strides[lead + i] = in[i] == 1 ? 0 : own[i];
  }
  return strides;
}

}  // namespace campaign::graph::reference
