#include "graph/reference/quantize.h"

#include <algorithm>
#include <cmath>

namespace campaign::graph::reference {
namespace {

// Zero point k as a float, 0 when absent.
float ZeroPoint(const HostTensor* zp, int64_t k) {
  if (!zp) return 0.0f;
  switch (zp->dtype()) {
    case DType::kInt8:
      return zp->values<int8_t>()[k];
    case DType::kUInt8:
      return zp->values<uint8_t>()[k];
    case DType::kInt32:
      return static_cast<float>(zp->values<int32_t>()[k]);
    default:
      return 0.0f;
  }
}

// Calls fn(begin, end, k) for the runs of x's elements in channel k, in
// order: no division per element (weights have tens of millions).
template <typename Fn>
void ForEachChannelRun(int64_t size, QuantAxis a, Fn fn) {
  const int64_t block = a.channels * a.inner;
  for (int64_t base = 0; block > 0 && base < size; base += block) {
    for (int64_t k = 0; k < a.channels; ++k) {
      const int64_t begin = base + k * a.inner;
      fn(begin, std::min(size, begin + a.inner), k);
    }
  }
}

template <typename T>
void QuantizeTo(const HostTensor& x, const HostTensor& scale, const HostTensor* zp, QuantAxis a,
                HostTensor* y, float lo, float hi) {
  const float* in = x.values<float>().data();
  const float* s = scale.values<float>().data();
  T* out = y->values<T>().data();
  ForEachChannelRun(x.size(), a, [&](int64_t begin, int64_t end, int64_t k) {
    const float sk = s[k], zk = ZeroPoint(zp, k);
    for (int64_t i = begin; i < end; ++i)
      out[i] = static_cast<T>(QuantizeValue(in[i], sk, zk, lo, hi));
  });
}

template <typename T>
void DequantizeFrom(const HostTensor& x, const HostTensor& scale, const HostTensor* zp, QuantAxis a,
                    HostTensor* y) {
  const T* in = x.values<T>().data();
  const float* s = scale.values<float>().data();
  float* out = y->values<float>().data();
  ForEachChannelRun(x.size(), a, [&](int64_t begin, int64_t end, int64_t k) {
    const float sk = s[k], zk = ZeroPoint(zp, k);
    for (int64_t i = begin; i < end; ++i) out[i] = (static_cast<float>(in[i]) - zk) * sk;
  });
}

}  // namespace

Result<QuantAxis> ResolveQuantAxis(const Shape& x, const Shape& scale, const Shape* zero_point,
                                   int64_t axis, const std::string& what) {
  if (zero_point && *zero_point != scale) {
    return Status::Error(Reason::kInvalidModel,
                         what + ": zero point " + ShapeToString(*zero_point) +
                             " does not match scale " + ShapeToString(scale));
  }
  QuantAxis a;
  a.inner = NumElements(x);
  if (scale.size() == 0 || (scale.size() == 1 && scale[0] == 1)) return a;
  const int64_t rank = static_cast<int64_t>(x.size());
  if (scale.size() != 1 || axis < -rank || axis >= rank) {
    return Status::Error(Reason::kInvalidModel, what + ": scale " + ShapeToString(scale) +
                                                    " must be a scalar or 1-D along axis " +
                                                    std::to_string(axis) + " of the input " +
                                                    ShapeToString(x));
  }
  if (axis < 0) axis += rank;
  if (scale[0] != x[axis]) {
    return Status::Error(Reason::kInvalidModel, what + ": scale has " + std::to_string(scale[0]) +
                                                    " elements but the input's axis " +
                                                    std::to_string(axis) + " has " +
                                                    std::to_string(x[axis]));
  }
  a.channels = x[axis];
  a.inner = 1;
  for (int64_t d = axis + 1; d < rank; ++d) a.inner *= x[d];
  return a;
}

float QuantizeValue(float x, float scale, float zero_point, float lo, float hi) {
  // nearbyint rounds half to even in the default rounding mode.
  return std::clamp(std::nearbyint(x / scale) + zero_point, lo, hi);
}

void QuantizeLinear(const HostTensor& x, const HostTensor& scale, const HostTensor* zero_point,
                    QuantAxis axis, HostTensor* y) {
  if (y->dtype() == DType::kInt8) {
    QuantizeTo<int8_t>(x, scale, zero_point, axis, y, -128.0f, 127.0f);
  } else {
    QuantizeTo<uint8_t>(x, scale, zero_point, axis, y, 0.0f, 255.0f);
  }
}

void DequantizeLinear(const HostTensor& x, const HostTensor& scale, const HostTensor* zero_point,
                      QuantAxis axis, HostTensor* y) {
  switch (x.dtype()) {
    case DType::kInt8:
      return DequantizeFrom<int8_t>(x, scale, zero_point, axis, y);
    case DType::kUInt8:
      return DequantizeFrom<uint8_t>(x, scale, zero_point, axis, y);
    case DType::kInt32:
      return DequantizeFrom<int32_t>(x, scale, zero_point, axis, y);
    default:
      return;
  }
}

}  // namespace campaign::graph::reference
