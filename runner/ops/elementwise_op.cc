// Relu, Clip, Sigmoid and the broadcasting Add, Sub, Mul, Div.
#include <limits>

#include "runner/ops/attributes.h"
#include "runner/ops/factories.h"
#include "runner/reference/elementwise.h"

namespace campaign::runner::ops {
namespace {

using reference::BinaryKind;
using reference::UnaryKind;

class UnaryOp : public Op {
 public:
  UnaryOp(const onnx::NodeProto& node, UnaryKind kind) : label_(NodeLabel(node)), kind_(kind) {
    // Clip before opset 11 has min/max attributes; later they are inputs.
    lo_ = GetFloat(node, "min", -std::numeric_limits<float>::infinity());
    hi_ = GetFloat(node, "max", std::numeric_limits<float>::infinity());
  }

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, kind_ == UnaryKind::kClip ? 3 : 1));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
    for (size_t i = 1; i < in.size(); ++i) {
      if (!in[i].present) continue;
      if (!in[i].constant || in[i].constant->size() != 1 || in[i].dtype != DType::kFloat32) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": min/max must be float32 scalar initializers");
      }
      (i == 1 ? lo_ : hi_) = in[i].constant->values<float>()[0];
    }
    return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("unary_f32"));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(kind_), lo_, hi_);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Unary(kind_, lo_, hi_, *in[0], out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  UnaryKind kind_;
  float lo_, hi_;
  Launch launch_;
};

class BinaryOp : public Op {
 public:
  BinaryOp(const onnx::NodeProto& node, BinaryKind kind) : label_(NodeLabel(node)), kind_(kind) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input A"));
    RETURN_IF_ERROR(RequireFloat(label_, in[1], "input B"));
    auto shape = reference::BroadcastShape(in[0].shape, in[1].shape);
    if (!shape.ok()) return shape.status().WithContext(label_);
    return std::vector<TensorInfo>{{true, DType::kFloat32, *shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& ys = out[0].shape;
    int rank = 0;
    std::vector<int64_t> meta{0};
    if (in[0].shape != ys || in[1].shape != ys) {
      rank = static_cast<int>(ys.size());
      meta.assign(ys.begin(), ys.end());
      for (const DeviceTensor* t : {&in[0], &in[1]}) {
        auto s = reference::BroadcastStrides(t->shape, ys);
        meta.insert(meta.end(), s.begin(), s.end());
      }
    }
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("binary_f32"));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(ys), label_));
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
  cl::Buffer meta_;
  Launch launch_;
};

}  // namespace

std::unique_ptr<Op> MakeRelu(const onnx::NodeProto& n) {
  return std::make_unique<UnaryOp>(n, UnaryKind::kRelu);
}
std::unique_ptr<Op> MakeClip(const onnx::NodeProto& n) {
  return std::make_unique<UnaryOp>(n, UnaryKind::kClip);
}
std::unique_ptr<Op> MakeSigmoid(const onnx::NodeProto& n) {
  return std::make_unique<UnaryOp>(n, UnaryKind::kSigmoid);
}
std::unique_ptr<Op> MakeAdd(const onnx::NodeProto& n) {
  return std::make_unique<BinaryOp>(n, BinaryKind::kAdd);
}
std::unique_ptr<Op> MakeSub(const onnx::NodeProto& n) {
  return std::make_unique<BinaryOp>(n, BinaryKind::kSub);
}
std::unique_ptr<Op> MakeMul(const onnx::NodeProto& n) {
  return std::make_unique<BinaryOp>(n, BinaryKind::kMul);
}
std::unique_ptr<Op> MakeDiv(const onnx::NodeProto& n) {
  return std::make_unique<BinaryOp>(n, BinaryKind::kDiv);
}

}  // namespace campaign::runner::ops
