#include "graph/reference/cast.h"

#include <type_traits>

#include "graph/half.h"

namespace campaign::graph::reference {

namespace {

template <typename TO>
TO CastOne(const HostTensor& x, int64_t i) {
  switch (x.dtype()) {
    case DType::kFloat32: {
      float v = x.values<float>()[i];
      if constexpr (std::is_same_v<TO, uint8_t>) return v != 0.0f;
      return static_cast<TO>(v);
    }
    case DType::kInt64: {
      int64_t v = x.values<int64_t>()[i];
      if constexpr (std::is_same_v<TO, uint8_t>) return v != 0;
      return static_cast<TO>(v);
    }
    case DType::kInt32: {
      int32_t v = x.values<int32_t>()[i];
      if constexpr (std::is_same_v<TO, uint8_t>) return v != 0;
      return static_cast<TO>(v);
    }
    case DType::kBool:
      return static_cast<TO>(x.values<uint8_t>()[i] != 0);
    case DType::kInt8:
    case DType::kUInt8:
      break;  // Cast rejects int8/uint8 in Infer
    case DType::kFloat16: {
      float v = HalfToFloat(x.values<uint16_t>()[i]);
      if constexpr (std::is_same_v<TO, uint8_t>) return v != 0.0f;
      return static_cast<TO>(v);
    }
  }
  return TO{};
}

template <typename TO>
void CastTo(const HostTensor& x, HostTensor* y) {
  auto out = y->values<TO>();
  for (int64_t i = 0; i < x.size(); ++i) out[i] = CastOne<TO>(x, i);
}

}  // namespace

void Cast(const HostTensor& x, HostTensor* y) {
  switch (y->dtype()) {
    case DType::kFloat32:
      return CastTo<float>(x, y);
    case DType::kInt64:
      return CastTo<int64_t>(x, y);
    case DType::kInt32:
      return CastTo<int32_t>(x, y);
    case DType::kBool:
      return CastTo<uint8_t>(x, y);
    case DType::kInt8:
    case DType::kUInt8:
      return;                // Cast rejects int8/uint8 in Infer
    case DType::kFloat16: {  // through float: each value rounds once, to nearest even
      auto out = y->values<uint16_t>();
      for (int64_t i = 0; i < x.size(); ++i) out[i] = FloatToHalf(CastOne<float>(x, i));
      return;
    }
  }
}

}  // namespace campaign::graph::reference
