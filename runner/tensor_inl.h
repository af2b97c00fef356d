// Template definitions for tensor.h; include tensor.h instead.
#pragma once

#include <cassert>

namespace campaign::runner {

template <typename T>
std::span<T> HostTensor::values() {
  assert(DTypeOf<T>() == dtype_);
  return {reinterpret_cast<T*>(data_.data()), data_.size() / sizeof(T)};
}

template <typename T>
std::span<const T> HostTensor::values() const {
  assert(DTypeOf<T>() == dtype_);
  return {reinterpret_cast<const T*>(data_.data()), data_.size() / sizeof(T)};
}

}  // namespace campaign::runner
