#include "graph/ops/elementwise.h"

#include <limits>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/cast.h"

namespace campaign::graph {

using reference::BinaryKind;
using reference::UnaryKind;

UnaryOp::UnaryOp(const onnx::NodeProto& node, UnaryKind kind)
    : label_(NodeLabel(node)), kind_(kind) {
  switch (kind) {
    case UnaryKind::kClip:  // before opset 11 min/max are attributes
      p0_ = GetFloat(node, "min", -std::numeric_limits<float>::infinity());
      p1_ = GetFloat(node, "max", std::numeric_limits<float>::infinity());
      break;
    case UnaryKind::kLeakyRelu:
      p0_ = GetFloat(node, "alpha", 0.01f);
      break;
    case UnaryKind::kElu:
    case UnaryKind::kThresholdedRelu:
    case UnaryKind::kCelu:
      p0_ = GetFloat(node, "alpha", 1.0f);
      break;
    case UnaryKind::kSelu:
      p0_ = GetFloat(node, "alpha", 1.67326319217681884765625f);
      p1_ = GetFloat(node, "gamma", 1.05070102214813232421875f);
      break;
    case UnaryKind::kHardSigmoid:
      p0_ = GetFloat(node, "alpha", 0.2f);
      p1_ = GetFloat(node, "beta", 0.5f);
      break;
    default:
      break;
  }
}

Result<std::vector<TensorInfo>> UnaryOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, kind_ == UnaryKind::kClip ? 3 : 1));
  const DType t = in[0].dtype;
  if (IsIntegerDType(t) && reference::IntegerUnary(kind_)) {
    const bool u = IsUnsignedDType(t);
    const int bits = static_cast<int>(DTypeSize(t)) * 8;
    // The type's range as 64-bit patterns (uint64's maximum is all ones).
    lo_ = u ? 0 : bits == 64 ? std::numeric_limits<int64_t>::min() : -(int64_t{1} << (bits - 1));
    hi_ = u            ? (bits == 64 ? -1 : (int64_t{1} << bits) - 1)
          : bits == 64 ? std::numeric_limits<int64_t>::max()
                       : (int64_t{1} << (bits - 1)) - 1;
    for (size_t i = 1; i < in.size(); ++i) {
      if (!in[i].present) continue;
      if (!in[i].constant || in[i].constant->size() != 1 || in[i].dtype != t) {
        return Status::Error(
            Reason::kUnsupportedOp,
            label_ + ": min/max must be " + std::string(DTypeName(t)) + " scalar initializers");
      }
      HostTensor wide(DType::kInt64, {});
      reference::Cast(*in[i].constant, &wide);  // sign- or zero-extends (uint64: the bits)
      (i == 1 ? lo_ : hi_) = wide.values<int64_t>()[0];
    }
    return std::vector<TensorInfo>{{true, t, in[0].shape, nullptr}};
  }
  if (t == DType::kFloat64 && reference::Float64Unary(kind_)) {
    return std::vector<TensorInfo>{{true, t, in[0].shape, nullptr}};
  }
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  for (size_t i = 1; i < in.size(); ++i) {
    if (!in[i].present) continue;
    if (!in[i].constant || in[i].constant->size() != 1 || in[i].dtype != DType::kFloat32) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": min/max must be float32 scalar initializers");
    }
    (i == 1 ? p0_ : p1_) = in[i].constant->values<float>()[0];
  }
  return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
}

Status UnaryOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  reference::Unary(kind_, p0_, p1_, *in[0], out[0], lo_, hi_);
  return Status::Ok();
}

BinaryOp::BinaryOp(const onnx::NodeProto& node, BinaryKind kind)
    : label_(NodeLabel(node)), kind_(kind) {
  if (kind == BinaryKind::kMod && GetInt(node, "fmod", 0) != 0) {
    fmod_ = true;
    kind_ = BinaryKind::kFmod;
  }
  if (kind == BinaryKind::kShiftLeft && GetString(node, "direction", "") == "RIGHT") {
    kind_ = BinaryKind::kShiftRight;
  }
}

Result<std::vector<TensorInfo>> BinaryOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
  if (kind_ == BinaryKind::kMod &&
      (in[0].dtype == DType::kFloat32 || in[0].dtype == DType::kFloat64)) {
    return Status::Error(Reason::kInvalidModel, label_ + ": float Mod requires fmod=1");
  }
  ASSIGN_OR_RETURN(DType y, reference::BinaryOutputType(kind_, in[0].dtype, in[1].dtype, label_));
  auto shape = reference::BroadcastShape(in[0].shape, in[1].shape);
  if (!shape.ok()) return shape.status().WithContext(label_);
  if (kind_ == BinaryKind::kPRelu && *shape != in[0].shape) {
    return Status::Error(Reason::kInvalidModel, label_ + ": slope must broadcast to X");
  }
  return std::vector<TensorInfo>{{true, y, *shape, nullptr}};
}

Status BinaryOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::Binary(kind_, *in[0], *in[1], out[0]);
  return Status::Ok();
}

FloatClassOp::FloatClassOp(const onnx::NodeProto& node, bool nan)
    : label_(NodeLabel(node)),
      nan_(nan),
      pos_(GetInt(node, "detect_positive", 1) != 0),
      neg_(GetInt(node, "detect_negative", 1) != 0) {}

Result<std::vector<TensorInfo>> FloatClassOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  const DType t = in[0].dtype;
  if (t != DType::kFloat32 && t != DType::kFloat16 && t != DType::kFloat64 &&
      t != DType::kBFloat16) {
    return Status::Error(Reason::kInvalidModel, label_ + ": input must be a float type");
  }
  return std::vector<TensorInfo>{{true, DType::kBool, in[0].shape, nullptr}};
}

Status FloatClassOp::RunReference(const std::vector<const HostTensor*>& in,
                                  const std::vector<HostTensor*>& out) {
  reference::FloatClass(*in[0], out[0], nan_, pos_, neg_);
  return Status::Ok();
}

NotOp::NotOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> NotOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  if (in[0].dtype != DType::kBool) {
    return Status::Error(Reason::kInvalidModel, label_ + ": input must be bool");
  }
  return std::vector<TensorInfo>{{true, DType::kBool, in[0].shape, nullptr}};
}

Status NotOp::RunReference(const std::vector<const HostTensor*>& in,
                           const std::vector<HostTensor*>& out) {
  reference::Not(*in[0], out[0]);
  return Status::Ok();
}

WhereOp::WhereOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> WhereOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  if (in[0].dtype != DType::kBool || in[1].dtype != in[2].dtype) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": condition must be bool and X, Y of one type");
  }
  auto s = reference::BroadcastShape(in[0].shape, in[1].shape);
  if (!s.ok()) return s.status().WithContext(label_);
  auto y = reference::BroadcastShape(*s, in[2].shape);
  if (!y.ok()) return y.status().WithContext(label_);
  return std::vector<TensorInfo>{{true, in[1].dtype, *y, nullptr}};
}

Status WhereOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  reference::Where(*in[0], *in[1], *in[2], out[0]);
  return Status::Ok();
}

namespace {

std::unique_ptr<Op> MakeUnary(const onnx::NodeProto& n) {
  return std::make_unique<UnaryOp>(n, UnaryKindOf(n.op_type()));
}
std::unique_ptr<Op> MakeBinary(const onnx::NodeProto& n) {
  return std::make_unique<BinaryOp>(n, BinaryKindOf(n.op_type()));
}

}  // namespace

UnaryKind UnaryKindOf(const std::string& op_type) {
  for (const UnaryOpType& u : kUnaryOpTypes) {
    if (op_type == u.name) return u.kind;
  }
  return UnaryKind::kRelu;  // unreachable: only registered op types get here
}

BinaryKind BinaryKindOf(const std::string& op_type) {
  for (const BinaryOpType& b : kBinaryOpTypes) {
    if (op_type == b.name) return b.kind;
  }
  return BinaryKind::kAdd;  // unreachable: only registered op types get here
}

void RegisterElementwiseOps(OpTable* table) {
  auto& m = *table;
  for (const UnaryOpType& u : kUnaryOpTypes) m[u.name] = MakeUnary;
  for (const BinaryOpType& b : kBinaryOpTypes) m[b.name] = MakeBinary;
  m["Not"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<NotOp>(n);
  };
  m["IsNaN"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<FloatClassOp>(n, true);
  };
  m["IsInf"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<FloatClassOp>(n, false);
  };
  m["Where"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<WhereOp>(n);
  };
}

}  // namespace campaign::graph
