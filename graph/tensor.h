// Host-side tensors: element types, shapes and an owning buffer.
//
// Used by the reference operators (and so by the converter for constant
// folding) and by the executor for inputs, outputs and weights. No OpenCL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace campaign::graph {

// Element types the runner knows. float32 is computed; int64 is carried
// (shapes, indices, inputs of integer models) and computed by the integer
// arithmetic ops; int32 is carried (indices); bool (one byte, 0 or 1) comes
// from comparisons and feeds Where/And/Or/Not; int8 and uint8 are the
// quantized types of QuantizeLinear/DequantizeLinear (and are carried by the
// data-movement ops). float16 (IEEE binary16, held as uint16_t bit patterns;
// graph/half.h) is the storage type of fp16 engines: Cast converts it, other
// ops compute in float32 from it (runner/ops/half_adapter.h). float64 is
// carried like float16: Cast converts it exactly, other ops compute in
// float32 through the same adapter (TensorRT's convention for DOUBLE models).
// bfloat16 (held as uint16_t bit patterns) is converted by Cast/CastLike
// only. int16, uint16, uint32 and uint64 are computed by the integer
// element-wise ops (exactly: in 64-bit, uint64 as unsigned) and carried by
// the data-movement ops.
enum class DType {
  kFloat32,
  kInt64,
  kInt32,
  kBool,
  kInt8,
  kUInt8,
  kFloat16,
  kFloat64,
  kBFloat16,
  kInt16,
  kUInt16,
  kUInt32,
  kUInt64,
};

// Bytes per element.
size_t DTypeSize(DType t);
// "float32", "int64", "int32", "bool", "int8", "uint8", "float16", "float64",
// "bfloat16", "int16", "uint16", "uint32", "uint64".
std::string_view DTypeName(DType t);
// Integer types (not bool): int8/16/32/64, uint8/16/32/64.
bool IsIntegerDType(DType t);
bool IsUnsignedDType(DType t);  // uint8/16/32/64 (not bool)

// Dimensions, outermost first. A rank-0 shape is a scalar (one element).
using Shape = std::vector<int64_t>;

// Product of the dimensions (1 for a scalar).
int64_t NumElements(const Shape& shape);
// "[1,3,224,224]".
std::string ShapeToString(const Shape& shape);
// Row-major strides in elements.
std::vector<int64_t> ContiguousStrides(const Shape& shape);

// An owning, contiguous, row-major tensor. Copyable (weights are copied
// rarely and deliberately); moves are cheap.
class HostTensor {
 public:
  HostTensor() = default;
  // Zero-filled tensor of the given type and shape.
  HostTensor(DType dtype, Shape shape);

  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int64_t size() const { return NumElements(shape_); }
  size_t bytes() const { return data_.size(); }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }

  void* raw() { return data_.data(); }
  const void* raw() const { return data_.data(); }

  // Typed views. REQUIRES: T matches dtype() (float for kFloat32,
  // int64_t for kInt64, int32_t for kInt32, uint8_t for kBool and kUInt8,
  // int8_t for kInt8, uint16_t for kFloat16, kBFloat16 and kUInt16, double
  // for kFloat64, int16_t for kInt16, uint32_t for kUInt32, uint64_t for
  // kUInt64); checked by assert.
  template <typename T>
  std::span<T> values();
  template <typename T>
  std::span<const T> values() const;

  // Keeps the data, changes the dimensions. REQUIRES: same element count.
  void Reshape(Shape shape);

 private:
  DType dtype_ = DType::kFloat32;
  Shape shape_;
  std::vector<std::byte> data_;
};

// DType of T for each element type.
template <typename T>
constexpr DType DTypeOf();
template <>
constexpr DType DTypeOf<float>() {
  return DType::kFloat32;
}
template <>
constexpr DType DTypeOf<int64_t>() {
  return DType::kInt64;
}
template <>
constexpr DType DTypeOf<int32_t>() {
  return DType::kInt32;
}
template <>
constexpr DType DTypeOf<uint8_t>() {
  return DType::kBool;  // also the view type of kUInt8 (see values())
}
template <>
constexpr DType DTypeOf<int8_t>() {
  return DType::kInt8;
}
template <>
constexpr DType DTypeOf<uint16_t>() {
  return DType::kFloat16;  // also the view type of kBFloat16 and kUInt16
}
template <>
constexpr DType DTypeOf<double>() {
  return DType::kFloat64;
}
template <>
constexpr DType DTypeOf<int16_t>() {
  return DType::kInt16;
}
template <>
constexpr DType DTypeOf<uint32_t>() {
  return DType::kUInt32;
}
template <>
constexpr DType DTypeOf<uint64_t>() {
  return DType::kUInt64;
}

}  // namespace campaign::graph

#include "graph/tensor_inl.h"
