// Template definitions for tensor.h; include tensor.h instead.
#pragma once

#include <cassert>
#include <type_traits>

namespace campaign::graph {

// uint8_t views both kBool and kUInt8; uint16_t views kFloat16, kBFloat16
// and kUInt16.
template <typename T>
constexpr bool ViewsDType(DType t) {
  return DTypeOf<T>() == t || (std::is_same_v<T, uint8_t> && t == DType::kUInt8) ||
         (std::is_same_v<T, uint16_t> && (t == DType::kBFloat16 || t == DType::kUInt16));
}

template <typename T>
std::span<T> HostTensor::values() {
  assert(ViewsDType<T>(dtype_));
  return {reinterpret_cast<T*>(data_.data()), data_.size() / sizeof(T)};
}

template <typename T>
std::span<const T> HostTensor::values() const {
  assert(ViewsDType<T>(dtype_));
  return {reinterpret_cast<const T*>(data_.data()), data_.size() / sizeof(T)};
}

}  // namespace campaign::graph
