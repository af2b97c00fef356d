// Reference element-wise operators: unary float32 functions (Relu, Clip,
// Sigmoid, Erf, ...), numpy-style broadcasting binaries (arithmetic on
// float32/int64/int32, comparisons giving bool, logic on bool), Not and Where.
#pragma once

#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The codes are shared with kernels/elementwise.cl: keep them in sync.
// Parameters p0/p1: Clip (min, max), LeakyRelu/Elu/ThresholdedRelu/Celu
// (alpha), Selu (alpha, gamma), HardSigmoid (alpha, beta).
enum class UnaryKind {
  kRelu = 0,
  kClip = 1,
  kSigmoid = 2,
  kNeg = 3,
  kAbs = 4,
  kExp = 5,
  kLog = 6,
  kSqrt = 7,
  kErf = 8,
  kTanh = 9,
  kReciprocal = 10,
  kFloor = 11,
  kCeil = 12,
  kSin = 13,
  kCos = 14,
  kTan = 15,
  kAsin = 16,
  kAcos = 17,
  kAtan = 18,
  kSinh = 19,
  kCosh = 20,
  kAsinh = 21,
  kAcosh = 22,
  kAtanh = 23,
  kSoftplus = 24,
  kSoftsign = 25,
  kLeakyRelu = 26,
  kElu = 27,
  kSelu = 28,
  kHardSigmoid = 29,
  kHardSwish = 30,
  kThresholdedRelu = 31,
  kCelu = 32,
  kRound = 33,
  kSign = 34,
};
// Arithmetic (0..8, 17..19) keeps the input type; comparisons (9..13) give
// bool; logic (14..16) takes and gives bool; Equal also compares bools. kMod
// is Mod(fmod=0), kFmod Mod(fmod=1); BitShift (unsigned integers only) is
// kShiftLeft / kShiftRight.
enum class BinaryKind {
  kAdd = 0,
  kSub = 1,
  kMul = 2,
  kDiv = 3,
  kPow = 4,
  kMax = 5,
  kMin = 6,
  kPRelu = 7,
  kMod = 8,
  kEqual = 9,
  kLess = 10,
  kGreater = 11,
  kLessOrEqual = 12,
  kGreaterOrEqual = 13,
  kAnd = 14,
  kOr = 15,
  kXor = 16,
  kFmod = 17,
  kShiftLeft = 18,
  kShiftRight = 19,
};
bool IsComparison(BinaryKind k);
bool IsLogic(BinaryKind k);

// y = f(x). REQUIRES: y has x's shape and dtype; float32, float64 for the
// kinds of Float64Unary() (computed in double), or any integer type for Neg,
// Abs, Sign, Relu and Clip (IntegerUnary()). On integers Clip
// bounds are lo/hi (64-bit patterns: uint64 compares unsigned), the others
// wrap like C (Neg of an unsigned value, Abs of the minimum).
void Unary(UnaryKind kind, float p0, float p1, const HostTensor& x, HostTensor* y, int64_t lo = 0,
           int64_t hi = 0);
bool IntegerUnary(UnaryKind kind);
// The kinds computed in double on float64 (Relu, Neg, Abs, Sign, Floor,
// Ceil, Round, Sqrt, Reciprocal, Exp, Log; kernels/elementwise.cl:
// unary_f64); the others run in float32 through the half adapter.
bool Float64Unary(UnaryKind kind);
// One value, as the kernels compute it.
float UnaryValue(UnaryKind kind, float p0, float p1, float v);

// numpy broadcast of two shapes; kInvalidModel when incompatible.
Result<Shape> BroadcastShape(const Shape& a, const Shape& b);
// Strides (in elements) to read `in` at each index of `out`, with 0 on the
// broadcast dimensions; right-aligned, size out.size().
std::vector<int64_t> BroadcastStrides(const Shape& in, const Shape& out);

// Output dtype of `kind` on inputs of types `a` and `b` (float32, float64 or
// integers; float64 is computed in double); kUnsupportedOp for
// combinations the runner does not compute (e.g. And on float, BitShift on
// signed integers). Only Pow takes two types (float32 or integer base and
// exponent); its output has the base's type.
Result<DType> BinaryOutputType(BinaryKind kind, DType a, DType b, const std::string& what);
Result<DType> BinaryOutputType(BinaryKind kind, DType in, const std::string& what);

// y = a (op) b with broadcasting. REQUIRES: a and b accepted by
// BinaryOutputType, y shaped BroadcastShape(a, b). Integer arithmetic is
// exact in 64 bits and wraps to the type (uint64 unsigned); Div truncates
// and x/0 == x%0 == 0; Mod follows the divisor's sign (fmod=0, like Python)
// or the dividend's (fmod=1, like C); integer Pow multiplies (a negative
// exponent gives 0 but for bases 1 and -1); an integer base with a float
// exponent uses the integer power when the exponent is integral, else
// truncates powf(float(a), b).
void Binary(BinaryKind kind, const HostTensor& a, const HostTensor& b, HostTensor* y);

// IsNaN (nan) or IsInf (detecting +inf with pos, -inf with neg) of a
// float32/float16/float64/bfloat16 x, as bool.
void FloatClass(const HostTensor& x, HostTensor* y, bool nan, bool pos, bool neg);

// y = !x on bool.
void Not(const HostTensor& x, HostTensor* y);
// y = cond ? a : b with three-way broadcasting. REQUIRES: cond bool, a and b
// of one dtype.
void Where(const HostTensor& cond, const HostTensor& a, const HostTensor& b, HostTensor* y);

}  // namespace campaign::graph::reference
