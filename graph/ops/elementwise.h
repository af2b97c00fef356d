// Unary float32 functions (Neg, Abs, Sign, Relu, Clip also on integers; the
// kinds of reference::Float64Unary also in double), broadcasting binaries
// (arithmetic, comparisons, logic, BitShift; float64 in double), IsInf,
// IsNaN, Not and Where: the reference classes. Device classes:
// runner/ops/elementwise.cc; arithmetic: graph/reference/elementwise.h;
// kernels: runner/kernels/elementwise.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/ops/float64_compute.h"
#include "graph/reference/elementwise.h"

namespace campaign::graph {

class UnaryOp : public Op, public Float64Compute {
 public:
  UnaryOp(const onnx::NodeProto& node, reference::UnaryKind kind);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool ComputesFloat64() const override { return reference::Float64Unary(kind_); }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  reference::UnaryKind kind_;
  float p0_ = 0, p1_ = 0;
  int64_t lo_ = 0, hi_ = 0;  // integer Clip bounds (64-bit patterns), set by Infer
};

class BinaryOp : public Op, public Float64Compute {
 public:
  BinaryOp(const onnx::NodeProto& node, reference::BinaryKind kind);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  // Arithmetic and comparisons (binary_f64, compare_f64).
  bool ComputesFloat64() const override { return !reference::IsLogic(kind_); }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  reference::BinaryKind kind_;
  bool fmod_ = false;
};

// IsNaN, and IsInf (detect_positive, detect_negative) on float32, float16,
// float64 and bfloat16 directly (no adapter: a double beyond the float range
// is finite).
class FloatClassOp : public Op {
 public:
  FloatClassOp(const onnx::NodeProto& node, bool nan);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  bool nan_, pos_, neg_;
};

class NotOp : public Op {
 public:
  explicit NotOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

class WhereOp : public Op {
 public:
  explicit WhereOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

// The ONNX op types of UnaryOp and BinaryOp with their kinds: the reference
// and device registrations both read these tables.
struct UnaryOpType {
  const char* name;
  reference::UnaryKind kind;
};
inline constexpr UnaryOpType kUnaryOpTypes[] = {
    {"Relu", reference::UnaryKind::kRelu},
    {"Clip", reference::UnaryKind::kClip},
    {"Sigmoid", reference::UnaryKind::kSigmoid},
    {"Neg", reference::UnaryKind::kNeg},
    {"Abs", reference::UnaryKind::kAbs},
    {"Exp", reference::UnaryKind::kExp},
    {"Log", reference::UnaryKind::kLog},
    {"Sqrt", reference::UnaryKind::kSqrt},
    {"Erf", reference::UnaryKind::kErf},
    {"Tanh", reference::UnaryKind::kTanh},
    {"Reciprocal", reference::UnaryKind::kReciprocal},
    {"Floor", reference::UnaryKind::kFloor},
    {"Ceil", reference::UnaryKind::kCeil},
    {"Sin", reference::UnaryKind::kSin},
    {"Cos", reference::UnaryKind::kCos},
    {"Tan", reference::UnaryKind::kTan},
    {"Asin", reference::UnaryKind::kAsin},
    {"Acos", reference::UnaryKind::kAcos},
    {"Atan", reference::UnaryKind::kAtan},
    {"Sinh", reference::UnaryKind::kSinh},
    {"Cosh", reference::UnaryKind::kCosh},
    {"Asinh", reference::UnaryKind::kAsinh},
    {"Acosh", reference::UnaryKind::kAcosh},
    {"Atanh", reference::UnaryKind::kAtanh},
    {"Softplus", reference::UnaryKind::kSoftplus},
    {"Softsign", reference::UnaryKind::kSoftsign},
    {"LeakyRelu", reference::UnaryKind::kLeakyRelu},
    {"Elu", reference::UnaryKind::kElu},
    {"Selu", reference::UnaryKind::kSelu},
    {"HardSigmoid", reference::UnaryKind::kHardSigmoid},
    {"HardSwish", reference::UnaryKind::kHardSwish},
    {"ThresholdedRelu", reference::UnaryKind::kThresholdedRelu},
    {"Celu", reference::UnaryKind::kCelu},
    {"Round", reference::UnaryKind::kRound},
    {"Sign", reference::UnaryKind::kSign},
};
struct BinaryOpType {
  const char* name;
  reference::BinaryKind kind;
};
inline constexpr BinaryOpType kBinaryOpTypes[] = {
    {"Add", reference::BinaryKind::kAdd},
    {"Sub", reference::BinaryKind::kSub},
    {"Mul", reference::BinaryKind::kMul},
    {"Div", reference::BinaryKind::kDiv},
    {"Pow", reference::BinaryKind::kPow},
    {"PRelu", reference::BinaryKind::kPRelu},
    {"Mod", reference::BinaryKind::kMod},
    {"Equal", reference::BinaryKind::kEqual},
    {"Less", reference::BinaryKind::kLess},
    {"Greater", reference::BinaryKind::kGreater},
    {"LessOrEqual", reference::BinaryKind::kLessOrEqual},
    {"GreaterOrEqual", reference::BinaryKind::kGreaterOrEqual},
    {"And", reference::BinaryKind::kAnd},
    {"Or", reference::BinaryKind::kOr},
    {"Xor", reference::BinaryKind::kXor},
    {"BitShift", reference::BinaryKind::kShiftLeft},  // direction RIGHT: kShiftRight
};

// The kind of `op_type` in the tables above (REQUIRES: it is there).
reference::UnaryKind UnaryKindOf(const std::string& op_type);
reference::BinaryKind BinaryKindOf(const std::string& op_type);

}  // namespace campaign::graph
