// Unary float32 functions, broadcasting binaries (arithmetic, comparisons,
// logic), Not and Where.
#include <limits>

#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/elementwise.h"

namespace campaign::runner::ops {
namespace {

using reference::BinaryKind;
using reference::UnaryKind;

// Kernel metadata for broadcasting `inputs` to `out`: rank 0 and {0} when
// every input already has the output's shape.
std::pair<int, std::vector<int64_t>> BroadcastMeta(const Shape& out,
                                                   const std::vector<Shape>& inputs) {
  bool same = true;
  for (const Shape& s : inputs) same = same && s == out;
  if (same && !out.empty()) return {0, {0}};
  std::vector<int64_t> meta(out.begin(), out.end());
  for (const Shape& s : inputs) {
    auto st = reference::BroadcastStrides(s, out);
    meta.insert(meta.end(), st.begin(), st.end());
  }
  if (meta.empty()) meta.push_back(0);
  return {static_cast<int>(out.size()), meta};
}

class UnaryOp : public Op {
 public:
  UnaryOp(const onnx::NodeProto& node, UnaryKind kind) : label_(NodeLabel(node)), kind_(kind) {
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

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, kind_ == UnaryKind::kClip ? 3 : 1));
    if ((in[0].dtype == DType::kInt64 || in[0].dtype == DType::kInt32) &&
        reference::IntegerUnary(kind_)) {
      return std::vector<TensorInfo>{{true, in[0].dtype, in[0].shape, nullptr}};
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

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    if (in[0].dtype != DType::kFloat32) {
      ASSIGN_OR_RETURN(launch_.kernel,
                       rt.CreateKernel(in[0].dtype == DType::kInt64 ? "unary_i64" : "unary_i32"));
      return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                         static_cast<int>(kind_));
    }
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("unary_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(kind_), p0_, p1_);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Unary(kind_, p0_, p1_, *in[0], out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  UnaryKind kind_;
  float p0_ = 0, p1_ = 0;
  Launch launch_;
};

class BinaryOp : public Op {
 public:
  BinaryOp(const onnx::NodeProto& node, BinaryKind kind) : label_(NodeLabel(node)), kind_(kind) {
    if (kind == BinaryKind::kMod && GetInt(node, "fmod", 0) != 0) {
      fmod_ = true;
      kind_ = BinaryKind::kFmod;
    }
  }

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
    if (in[0].dtype != in[1].dtype) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": inputs differ in type (" +
                                                       std::string(DTypeName(in[0].dtype)) +
                                                       " and " +
                                                       std::string(DTypeName(in[1].dtype)) + ")");
    }
    if (kind_ == BinaryKind::kMod && in[0].dtype == DType::kFloat32) {
      return Status::Error(Reason::kInvalidModel, label_ + ": float Mod requires fmod=1");
    }
    ASSIGN_OR_RETURN(DType y, reference::BinaryOutputType(kind_, in[0].dtype, label_));
    auto shape = reference::BroadcastShape(in[0].shape, in[1].shape);
    if (!shape.ok()) return shape.status().WithContext(label_);
    if (kind_ == BinaryKind::kPRelu && *shape != in[0].shape) {
      return Status::Error(Reason::kInvalidModel, label_ + ": slope must broadcast to X");
    }
    return std::vector<TensorInfo>{{true, y, *shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    auto [rank, meta] = BroadcastMeta(out[0].shape, {in[0].shape, in[1].shape});
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    const char* name = nullptr;
    bool cmp = reference::IsComparison(kind_);
    switch (in[0].dtype) {
      case DType::kFloat32:
        name = cmp ? "compare_f32" : "binary_f32";
        break;
      case DType::kInt64:
        name = cmp ? "compare_i64" : "binary_i64";
        break;
      case DType::kInt32:
        name = cmp ? "compare_i32" : "binary_i32";
        break;
      case DType::kBool:
        name = "logic_u8";
        break;
      case DType::kInt8:
      case DType::kUInt8:
        return Status::Error(Reason::kUnsupportedOp, label_ + ": int8/uint8 inputs");
      case DType::kFloat16:  // wrapped by the half adapter, never reaches here
        return Status::Error(Reason::kInternal, "binary kernel on float16");
    }
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), n, static_cast<int>(kind_), rank, meta_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Binary(kind_, *in[0], *in[1], out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  BinaryKind kind_;
  bool fmod_ = false;
  cl::Buffer meta_;
  Launch launch_;
};

class NotOp : public Op {
 public:
  explicit NotOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    if (in[0].dtype != DType::kBool) {
      return Status::Error(Reason::kInvalidModel, label_ + ": input must be bool");
    }
    return std::vector<TensorInfo>{{true, DType::kBool, in[0].shape, nullptr}};
  }
  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("not_u8"));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    launch_ = {std::move(launch_.kernel), static_cast<size_t>(n), label_};
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n);
  }
  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Not(*in[0], out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  Launch launch_;
};

class WhereOp : public Op {
 public:
  explicit WhereOp(const onnx::NodeProto& node) : label_(NodeLabel(node)) {}
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
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
  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& ys = out[0].shape;
    std::vector<int64_t> meta(ys.begin(), ys.end());
    for (int i = 0; i < 3; ++i) {
      auto st = reference::BroadcastStrides(in[i].shape, ys);
      meta.insert(meta.end(), st.begin(), st.end());
    }
    if (meta.empty()) meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    size_t es = DTypeSize(out[0].dtype);
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(es == 1   ? "where_8"
                                                     : es == 4 ? "where_32"
                                                               : "where_64"));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(ys), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       in[2].buffer->get(), out[0].buffer->get(), n, static_cast<int>(ys.size()),
                       meta_.get());
  }
  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Where(*in[0], *in[1], *in[2], out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  cl::Buffer meta_;
  Launch launch_;
};

template <UnaryKind K>
std::unique_ptr<Op> MakeUnaryKind(const onnx::NodeProto& n) {
  return std::make_unique<UnaryOp>(n, K);
}
template <BinaryKind K>
std::unique_ptr<Op> MakeBinaryKind(const onnx::NodeProto& n) {
  return std::make_unique<BinaryOp>(n, K);
}

}  // namespace

std::unique_ptr<Op> MakeRelu(const onnx::NodeProto& n) {
  return MakeUnaryKind<UnaryKind::kRelu>(n);
}
std::unique_ptr<Op> MakeClip(const onnx::NodeProto& n) {
  return MakeUnaryKind<UnaryKind::kClip>(n);
}
std::unique_ptr<Op> MakeSigmoid(const onnx::NodeProto& n) {
  return MakeUnaryKind<UnaryKind::kSigmoid>(n);
}
std::unique_ptr<Op> MakeAdd(const onnx::NodeProto& n) {
  return MakeBinaryKind<BinaryKind::kAdd>(n);
}
std::unique_ptr<Op> MakeSub(const onnx::NodeProto& n) {
  return MakeBinaryKind<BinaryKind::kSub>(n);
}
std::unique_ptr<Op> MakeMul(const onnx::NodeProto& n) {
  return MakeBinaryKind<BinaryKind::kMul>(n);
}
std::unique_ptr<Op> MakeDiv(const onnx::NodeProto& n) {
  return MakeBinaryKind<BinaryKind::kDiv>(n);
}

void RegisterElementwiseOps(std::map<std::string, OpFactory>* r) {
  auto& m = *r;
  m["Neg"] = MakeUnaryKind<UnaryKind::kNeg>;
  m["Abs"] = MakeUnaryKind<UnaryKind::kAbs>;
  m["Exp"] = MakeUnaryKind<UnaryKind::kExp>;
  m["Log"] = MakeUnaryKind<UnaryKind::kLog>;
  m["Sqrt"] = MakeUnaryKind<UnaryKind::kSqrt>;
  m["Erf"] = MakeUnaryKind<UnaryKind::kErf>;
  m["Tanh"] = MakeUnaryKind<UnaryKind::kTanh>;
  m["Reciprocal"] = MakeUnaryKind<UnaryKind::kReciprocal>;
  m["Floor"] = MakeUnaryKind<UnaryKind::kFloor>;
  m["Ceil"] = MakeUnaryKind<UnaryKind::kCeil>;
  m["Sin"] = MakeUnaryKind<UnaryKind::kSin>;
  m["Cos"] = MakeUnaryKind<UnaryKind::kCos>;
  m["Tan"] = MakeUnaryKind<UnaryKind::kTan>;
  m["Asin"] = MakeUnaryKind<UnaryKind::kAsin>;
  m["Acos"] = MakeUnaryKind<UnaryKind::kAcos>;
  m["Atan"] = MakeUnaryKind<UnaryKind::kAtan>;
  m["Sinh"] = MakeUnaryKind<UnaryKind::kSinh>;
  m["Cosh"] = MakeUnaryKind<UnaryKind::kCosh>;
  m["Asinh"] = MakeUnaryKind<UnaryKind::kAsinh>;
  m["Acosh"] = MakeUnaryKind<UnaryKind::kAcosh>;
  m["Atanh"] = MakeUnaryKind<UnaryKind::kAtanh>;
  m["Softplus"] = MakeUnaryKind<UnaryKind::kSoftplus>;
  m["Softsign"] = MakeUnaryKind<UnaryKind::kSoftsign>;
  m["LeakyRelu"] = MakeUnaryKind<UnaryKind::kLeakyRelu>;
  m["Elu"] = MakeUnaryKind<UnaryKind::kElu>;
  m["Selu"] = MakeUnaryKind<UnaryKind::kSelu>;
  m["HardSigmoid"] = MakeUnaryKind<UnaryKind::kHardSigmoid>;
  m["HardSwish"] = MakeUnaryKind<UnaryKind::kHardSwish>;
  m["ThresholdedRelu"] = MakeUnaryKind<UnaryKind::kThresholdedRelu>;
  m["Celu"] = MakeUnaryKind<UnaryKind::kCelu>;
  m["Round"] = MakeUnaryKind<UnaryKind::kRound>;
  m["Sign"] = MakeUnaryKind<UnaryKind::kSign>;
  m["Pow"] = MakeBinaryKind<BinaryKind::kPow>;
  m["PRelu"] = MakeBinaryKind<BinaryKind::kPRelu>;
  m["Mod"] = MakeBinaryKind<BinaryKind::kMod>;
  m["Equal"] = MakeBinaryKind<BinaryKind::kEqual>;
  m["Less"] = MakeBinaryKind<BinaryKind::kLess>;
  m["Greater"] = MakeBinaryKind<BinaryKind::kGreater>;
  m["LessOrEqual"] = MakeBinaryKind<BinaryKind::kLessOrEqual>;
  m["GreaterOrEqual"] = MakeBinaryKind<BinaryKind::kGreaterOrEqual>;
  m["And"] = MakeBinaryKind<BinaryKind::kAnd>;
  m["Or"] = MakeBinaryKind<BinaryKind::kOr>;
  m["Xor"] = MakeBinaryKind<BinaryKind::kXor>;
  m["Not"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<NotOp>(n);
  };
  m["Where"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<WhereOp>(n);
  };
}

}  // namespace campaign::runner::ops
