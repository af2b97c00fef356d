// Reference element-wise operators: Relu, Clip, Sigmoid and the numpy-style
// broadcasting binaries Add, Sub, Mul, Div (float32).
#pragma once

#include <vector>

#include "common/status.h"
#include "runner/tensor.h"

namespace campaign::runner::reference {

// The codes are shared with kernels/elementwise.cl: keep them in sync.
enum class UnaryKind { kRelu = 0, kClip = 1, kSigmoid = 2 };
enum class BinaryKind { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3 };

// y = f(x); Clip uses [lo, hi]. REQUIRES: y has x's shape, float32.
void Unary(UnaryKind kind, float lo, float hi, const HostTensor& x, HostTensor* y);

// numpy broadcast of two shapes; kInvalidModel when incompatible.
Result<Shape> BroadcastShape(const Shape& a, const Shape& b);
// Strides (in elements) to read `in` at each index of `out`, with 0 on the
// broadcast dimensions; right-aligned, size out.size().
std::vector<int64_t> BroadcastStrides(const Shape& in, const Shape& out);

// y = a (op) b with broadcasting. REQUIRES: y shaped BroadcastShape(a, b).
void Binary(BinaryKind kind, const HostTensor& a, const HostTensor& b, HostTensor* y);

}  // namespace campaign::runner::reference
