#include "runner/reference/elementwise.h"

#include <algorithm>
#include <cmath>

namespace campaign::runner::reference {

void Unary(UnaryKind kind, float lo, float hi, const HostTensor& x, HostTensor* y) {
  auto in = x.values<float>();
  auto out = y->values<float>();
  for (size_t i = 0; i < in.size(); ++i) {
    float v = in[i];
    switch (kind) {
      case UnaryKind::kRelu:
        out[i] = v > 0.0f ? v : 0.0f;
        break;
      case UnaryKind::kClip:
        out[i] = std::min(std::max(v, lo), hi);
        break;
      case UnaryKind::kSigmoid:
        out[i] = 1.0f / (1.0f + std::exp(-v));
        break;
    }
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

namespace {

float Apply(BinaryKind kind, float a, float b) {
  switch (kind) {
    case BinaryKind::kAdd:
      return a + b;
    case BinaryKind::kSub:
      return a - b;
    case BinaryKind::kMul:
      return a * b;
    case BinaryKind::kDiv:
      return a / b;
  }
  return 0;
}

}  // namespace

void Binary(BinaryKind kind, const HostTensor& a, const HostTensor& b, HostTensor* y) {
  const Shape& out = y->shape();
  std::vector<int64_t> sa = BroadcastStrides(a.shape(), out);
  std::vector<int64_t> sb = BroadcastStrides(b.shape(), out);
  auto pa = a.values<float>();
  auto pb = b.values<float>();
  auto py = y->values<float>();
  std::vector<int64_t> idx(out.size(), 0);
  for (int64_t i = 0; i < static_cast<int64_t>(py.size()); ++i) {
    int64_t ia = 0, ib = 0;
    for (size_t d = 0; d < out.size(); ++d) {
      ia += idx[d] * sa[d];
      ib += idx[d] * sb[d];
    }
    py[i] = Apply(kind, pa[ia], pb[ib]);
    for (int64_t d = static_cast<int64_t>(out.size()) - 1; d >= 0; --d) {
      if (++idx[d] < out[d]) break;
      idx[d] = 0;
    }
  }
}

}  // namespace campaign::runner::reference
