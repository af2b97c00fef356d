#include "graph/reference/elementwise.h"

#include <algorithm>
#include <cmath>

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
         kind == UnaryKind::kRelu;
}

namespace {

template <typename T>
void IntUnary(UnaryKind kind, const HostTensor& x, HostTensor* y) {
  auto in = x.values<T>();
  auto out = y->values<T>();
  for (size_t i = 0; i < in.size(); ++i) {
    T v = in[i];
    switch (kind) {
      case UnaryKind::kNeg:
        out[i] = -v;
        break;
      case UnaryKind::kAbs:
        out[i] = v < 0 ? -v : v;
        break;
      case UnaryKind::kSign:
        out[i] = (v > 0) - (v < 0);
        break;
      default:
        out[i] = v > 0 ? v : 0;
        break;
    }
  }
}

}  // namespace

void Unary(UnaryKind kind, float p0, float p1, const HostTensor& x, HostTensor* y) {
  if (x.dtype() == DType::kInt64) return IntUnary<int64_t>(kind, x, y);
  if (x.dtype() == DType::kInt32) return IntUnary<int32_t>(kind, x, y);
  auto in = x.values<float>();
  auto out = y->values<float>();
  for (size_t i = 0; i < in.size(); ++i) out[i] = UnaryValue(kind, p0, p1, in[i]);
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
