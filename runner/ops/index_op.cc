// Gather, Cast, and the shape-computing ops whose outputs are known at load
// time (Shape, Size, ConstantOfShape, Range): the executor folds those into
// constants, so they never run on the device.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "runner/cl/error.h"
#include "graph/half.h"
#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/movement.h"
#include "graph/reference/shape_ops.h"

namespace campaign::runner::ops {
namespace {

class GatherOp : public Op {
 public:
  explicit GatherOp(const onnx::NodeProto& node)
      : label_(NodeLabel(node)), axis_(GetInt(node, "axis", 0)) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
    if (in[1].dtype != DType::kInt64 && in[1].dtype != DType::kInt32) {
      return Status::Error(Reason::kInvalidModel, label_ + ": indices must be int64 or int32");
    }
    auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
    if (!axis.ok()) return axis.status().WithContext(label_);
    axis_ = *axis;
    return std::vector<TensorInfo>{
        {true, in[0].dtype, reference::GatherShape(in[0].shape, in[1].shape, axis_), nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& x = in[0].shape;
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < axis_; ++d) outer *= x[d];
    for (size_t d = axis_ + 1; d < x.size(); ++d) inner *= x[d];
    size_t es = DTypeSize(in[0].dtype);
    std::string name = std::string("gather_") +
                       (es == 1   ? "8"
                        : es == 4 ? "32"
                                  : "64") +
                       (in[1].dtype == DType::kInt64 ? "_i64" : "_i32");
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(err_, rt.CreateBuffer(sizeof(int)));
    int zero = 0;
    RETURN_IF_ERROR(rt.Write(err_, &zero, sizeof(int), true));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), static_cast<int>(outer), static_cast<int>(x[axis_]),
                       static_cast<int>(NumElements(in[1].shape)), static_cast<int>(inner),
                       err_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    Status st = reference::Gather(*in[0], *in[1], axis_, out[0]);
    return st.ok() ? st : st.WithContext(label_);
  }

 private:
  std::string label_;
  int64_t axis_;
  cl::Buffer err_;
  Launch launch_;
};

class CastOp : public Op {
 public:
  explicit CastOp(const onnx::NodeProto& node)
      : label_(NodeLabel(node)), to_(static_cast<int32_t>(GetInt(node, "to", 0))) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    ASSIGN_OR_RETURN(DType to, DTypeFromOnnx(to_, label_ + " target type"));
    for (DType t : {in[0].dtype, to}) {
      if (t == DType::kInt8 || t == DType::kUInt8) {
        return Status::Error(Reason::kUnsupportedPrecision,
                             label_ +
                                 ": Cast from or to int8/uint8 is not supported (use "
                                 "QuantizeLinear/DequantizeLinear)");
      }
    }
    return std::vector<TensorInfo>{{true, to, in[0].shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    if (in[0].dtype == out[0].dtype) {
      copy_bytes_ = static_cast<size_t>(n) * DTypeSize(in[0].dtype);
      src_ = in[0].buffer->get();
      dst_ = out[0].buffer->get();
      return Status::Ok();
    }
    auto code = [](DType t) {
      switch (t) {
        case DType::kFloat32:
          return "f32";
        case DType::kInt64:
          return "i64";
        case DType::kInt32:
          return "i32";
        case DType::kBool:
          return "bool";
        case DType::kInt8:
        case DType::kUInt8:
          return "";  // rejected by Infer
        case DType::kFloat16:
          return "f16";
      }
      return "";
    };
    const bool half_in = in[0].dtype == DType::kFloat16, half_out = out[0].dtype == DType::kFloat16;
    if ((half_in || half_out) && in[0].dtype != DType::kFloat32 &&
        out[0].dtype != DType::kFloat32) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": the device casts float16 only to and from float32, not " +
                               std::string(DTypeName(in[0].dtype)) + " -> " +
                               std::string(DTypeName(out[0].dtype)));
    }
    std::string name = std::string("cast_") + code(in[0].dtype) + "_" + code(out[0].dtype);
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n);
  }

  Status Enqueue(cl::Runtime& rt) override {
    if (src_) {
      if (copy_bytes_ == 0) return Status::Ok();
      return cl::CheckCl(clEnqueueCopyBuffer(rt.queue(), src_, dst_, 0, 0, copy_bytes_, 0, nullptr,
                                             rt.EventSlot()),
                         label_ + " clEnqueueCopyBuffer");
    }
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Cast(*in[0], out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  int32_t to_;
  Launch launch_;
  cl_mem src_ = nullptr, dst_ = nullptr;
  size_t copy_bytes_ = 0;
};

// An op whose output Infer computes entirely (Shape, Size), or that needs
// constant inputs (ConstantOfShape, Range): never on the device.
class LoadTimeOp : public Op {
 public:
  explicit LoadTimeOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>&,
                       const std::vector<DeviceTensor>&, const cl::Buffer*) override {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ + " runs only at load time on constant inputs");
  }
  Status Enqueue(cl::Runtime&) override { return Status::Ok(); }
  Status RunReference(const std::vector<const HostTensor*>&,
                      const std::vector<HostTensor*>& out) override {
    *out[0] = value_;
    return Status::Ok();
  }

 protected:
  Status RequireConstant(const TensorInfo& t, const std::string& which) const {
    if (t.constant) return Status::Ok();
    return Status::Error(
        Reason::kUnsupportedOp,
        label_ + ": " + which + " is computed at run time; the runner needs it constant");
  }
  onnx::NodeProto node_;
  std::string label_;
  HostTensor value_;
};

class ShapeOp : public LoadTimeOp {
 public:
  ShapeOp(const onnx::NodeProto& node, bool size) : LoadTimeOp(node), size_(size) {}
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    const Shape& x = in[0].shape;
    if (size_) {
      value_ = HostTensor(DType::kInt64, {});
      value_.values<int64_t>()[0] = NumElements(x);
    } else {
      int64_t rank = static_cast<int64_t>(x.size());
      int64_t start = GetInt(node_, "start", 0), end = GetInt(node_, "end", rank);
      if (start < 0) start += rank;
      if (end < 0) end += rank;
      start = std::clamp<int64_t>(start, 0, rank);
      end = std::clamp<int64_t>(end, start, rank);
      value_ = HostTensor(DType::kInt64, {end - start});
      for (int64_t d = start; d < end; ++d) value_.values<int64_t>()[d - start] = x[d];
    }
    return std::vector<TensorInfo>{{true, DType::kInt64, value_.shape(), &value_}};
  }

 private:
  bool size_;
};

class ConstantOfShapeOp : public LoadTimeOp {
 public:
  using LoadTimeOp::LoadTimeOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    RETURN_IF_ERROR(RequireConstant(in[0], "the shape input"));
    HostTensor fill(DType::kFloat32, {1});
    for (const auto& a : node_.attribute()) {
      if (a.name() != "value") continue;
      ASSIGN_OR_RETURN(fill, TensorFromProto(a.t()));
    }
    auto dims = reference::ToInt64s(*in[0].constant);
    value_ = HostTensor(fill.dtype(), Shape(dims.begin(), dims.end()));
    size_t es = DTypeSize(fill.dtype());
    auto* dst = static_cast<std::byte*>(value_.raw());
    for (int64_t i = 0; i < value_.size(); ++i) std::memcpy(dst + i * es, fill.raw(), es);
    return std::vector<TensorInfo>{{true, value_.dtype(), value_.shape(), &value_}};
  }
};

class RangeOp : public LoadTimeOp {
 public:
  using LoadTimeOp::LoadTimeOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
    for (int i = 0; i < 3; ++i) RETURN_IF_ERROR(RequireConstant(in[i], "start/limit/delta"));
    DType t = in[0].dtype;
    auto get = [&](int i) -> double {
      const HostTensor& c = *in[i].constant;
      switch (c.dtype()) {
        case DType::kFloat32:
          return c.values<float>()[0];
        case DType::kInt64:
          return static_cast<double>(c.values<int64_t>()[0]);
        case DType::kInt32:
          return c.values<int32_t>()[0];
        case DType::kBool:
        case DType::kUInt8:
          return c.values<uint8_t>()[0];
        case DType::kInt8:
          return c.values<int8_t>()[0];
        case DType::kFloat16:
          return HalfToFloat(c.values<uint16_t>()[0]);
      }
      return 0;
    };
    double start = get(0), limit = get(1), delta = get(2);
    if (delta == 0 || t == DType::kBool) {
      return Status::Error(Reason::kInvalidModel, label_ + ": delta is 0");
    }
    int64_t n = std::max<int64_t>(0, static_cast<int64_t>(std::ceil((limit - start) / delta)));
    value_ = HostTensor(t, {n});
    for (int64_t i = 0; i < n; ++i) {
      double v = start + static_cast<double>(i) * delta;
      if (t == DType::kFloat32) value_.values<float>()[i] = static_cast<float>(v);
      if (t == DType::kInt64) value_.values<int64_t>()[i] = static_cast<int64_t>(v);
      if (t == DType::kInt32) value_.values<int32_t>()[i] = static_cast<int32_t>(v);
      if (t == DType::kFloat16) value_.values<uint16_t>()[i] = FloatToHalf(static_cast<float>(v));
    }
    return std::vector<TensorInfo>{{true, t, value_.shape(), &value_}};
  }
};

class GatherElementsOp : public Op {
 public:
  explicit GatherElementsOp(const onnx::NodeProto& node)
      : label_(NodeLabel(node)), axis_(GetInt(node, "axis", 0)) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
    if (in[1].dtype != DType::kInt64 && in[1].dtype != DType::kInt32) {
      return Status::Error(Reason::kInvalidModel, label_ + ": indices must be int64 or int32");
    }
    if (in[0].shape.size() != in[1].shape.size()) {
      return Status::Error(Reason::kInvalidModel, label_ + ": data and indices differ in rank");
    }
    auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
    if (!axis.ok()) return axis.status().WithContext(label_);
    axis_ = *axis;
    return std::vector<TensorInfo>{{true, in[0].dtype, in[1].shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& ys = out[0].shape;
    std::vector<int64_t> meta(ys.begin(), ys.end());
    auto xs = ContiguousStrides(in[0].shape);
    meta.insert(meta.end(), xs.begin(), xs.end());
    meta.push_back(0);
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    size_t es = DTypeSize(in[0].dtype);
    std::string name = std::string("gather_elements_") +
                       (es == 1   ? "8"
                        : es == 4 ? "32"
                                  : "64") +
                       (in[1].dtype == DType::kInt64 ? "_i64" : "_i32");
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(ys), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       out[0].buffer->get(), n, static_cast<int>(ys.size()),
                       static_cast<int>(axis_), static_cast<int>(in[0].shape[axis_]), meta_.get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    Status st = reference::GatherElements(*in[0], *in[1], axis_, out[0]);
    return st.ok() ? st : st.WithContext(label_);
  }

 private:
  std::string label_;
  int64_t axis_;
  cl::Buffer meta_;
  Launch launch_;
};

class TriluOp : public Op {
 public:
  explicit TriluOp(const onnx::NodeProto& node)
      : label_(NodeLabel(node)), upper_(GetInt(node, "upper", 1) != 0) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 2));
    if (in[0].shape.size() < 2) {
      return Status::Error(Reason::kInvalidModel, label_ + ": input rank must be >= 2");
    }
    if (in.size() > 1 && in[1].present) {
      if (!in[1].constant || in[1].dtype != DType::kInt64 || in[1].constant->size() != 1) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": k must be a constant int64 scalar");
      }
      k_ = in[1].constant->values<int64_t>()[0];
    }
    return std::vector<TensorInfo>{{true, in[0].dtype, in[0].shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const Shape& s = in[0].shape;
    size_t es = DTypeSize(in[0].dtype);
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(es == 1   ? "trilu_8"
                                                     : es == 4 ? "trilu_32"
                                                               : "trilu_64"));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(s), label_));
    int k = static_cast<int>(std::clamp<int64_t>(k_, -(1 << 30), 1 << 30));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(s[s.size() - 2]), static_cast<int>(s[s.size() - 1]), k,
                       upper_ ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Trilu(*in[0], k_, upper_, out[0]);
    return Status::Ok();
  }

 private:
  std::string label_;
  bool upper_;
  int64_t k_ = 0;
  Launch launch_;
};

}  // namespace

void RegisterIndexOps(std::map<std::string, OpFactory>* r) {
  auto& m = *r;
  m["Gather"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GatherOp>(n);
  };
  m["GatherElements"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<GatherElementsOp>(n);
  };
  m["Trilu"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<TriluOp>(n);
  };
  m["Cast"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<CastOp>(n);
  };
  m["Shape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ShapeOp>(n, false);
  };
  m["Size"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ShapeOp>(n, true);
  };
  m["ConstantOfShape"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ConstantOfShapeOp>(n);
  };
  m["Range"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<RangeOp>(n);
  };
}

}  // namespace campaign::runner::ops
