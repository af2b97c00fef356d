#include "graph/reference/quant_linear.h"

#include <algorithm>
#include <cmath>

#include "graph/reference/quantize.h"

namespace campaign::graph::reference {

int32_t IntAt(const HostTensor& t, int64_t k) {
  switch (t.dtype()) {
    case DType::kInt8:
      return t.values<int8_t>()[k];
    case DType::kUInt8:
      return t.values<uint8_t>()[k];
    case DType::kInt32:
      return t.values<int32_t>()[k];
    default:
      return 0;
  }
}

int32_t ZeroPointAt(const QuantParam& zp, int64_t k) {
  if (!zp.tensor || zp.count == 0) return 0;
  return IntAt(*zp.tensor, zp.count == 1 ? 0 : k);
}

float ScaleAt(const QuantParam& s, int64_t k) {
  if (!s.tensor || s.count == 0) return 1.0f;
  return s.tensor->values<float>()[s.count == 1 ? 0 : k];
}

int32_t Requantize(int32_t acc, float multiplier, int32_t zp, DType y) {
  const double lo = y == DType::kInt8 ? -128.0 : 0.0;
  const double hi = y == DType::kInt8 ? 127.0 : 255.0;
  const double v = std::nearbyint(static_cast<double>(acc) * static_cast<double>(multiplier)) + zp;
  return static_cast<int32_t>(std::clamp(v, lo, hi));
}

void DynamicQuantizeLinear(const HostTensor& x, HostTensor* y, HostTensor* scale, HostTensor* zp) {
  const auto in = x.values<float>();
  float lo = 0.0f, hi = 0.0f;
  for (float v : in) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  const float s = (hi == lo ? 1.0f : hi - lo) / 255.0f;
  const float z = std::nearbyint(std::clamp(0.0f - lo / s, 0.0f, 255.0f));
  scale->values<float>()[0] = s;
  zp->values<uint8_t>()[0] = static_cast<uint8_t>(z);
  auto out = y->values<uint8_t>();
  for (size_t i = 0; i < in.size(); ++i) {
    out[i] = static_cast<uint8_t>(QuantizeValue(in[i], s, z, 0.0f, 255.0f));
  }
}

void QMatMul(const HostTensor& a, const HostTensor& b, const QMatMulDims& d, const QMatMulParams& p,
             HostTensor* y) {
  const float sy = p.qlinear ? ScaleAt(p.y_scale, 0) : 1.0f;
  const int32_t zy = p.qlinear ? ZeroPointAt(p.y_zp, 0) : 0;
  for (int64_t bt = 0; bt < d.batch; ++bt) {
    const int64_t a0 = bt * d.a_batch_stride, b0 = bt * d.b_batch_stride;
    for (int64_t i = 0; i < d.m; ++i) {
      const int32_t za = ZeroPointAt(p.a_zp, i);
      for (int64_t j = 0; j < d.n; ++j) {
        const int32_t zb = ZeroPointAt(p.b_zp, j);
        int32_t acc = 0;
        for (int64_t t = 0; t < d.k; ++t) {
          acc += (IntAt(a, a0 + i * d.k + t) - za) * (IntAt(b, b0 + t * d.n + j) - zb);
        }
        const int64_t o = (bt * d.m + i) * d.n + j;
        if (!p.qlinear) {
          y->values<int32_t>()[o] = acc;
          continue;
        }
        const float mult = ScaleAt(p.a_scale, i) * ScaleAt(p.b_scale, j) / sy;
        const int32_t q = Requantize(acc, mult, zy, y->dtype());
        if (y->dtype() == DType::kInt8) {
          y->values<int8_t>()[o] = static_cast<int8_t>(q);
        } else {
          y->values<uint8_t>()[o] = static_cast<uint8_t>(q);
        }
      }
    }
  }
}

}  // namespace campaign::graph::reference
