// Data movement: Reshape, Flatten, Identity, Dropout (aliases of their
// input), Concat (rectangular buffer copies) and Softmax.
#include <cstring>

#include "runner/cl/error.h"
#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/shape_ops.h"

namespace campaign::runner::ops {
namespace {

// Output 0 is input 0 with a new shape computed by the subclass.
class AliasOp : public Op {
 public:
  explicit AliasOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}
  bool AliasesInput() const override { return true; }

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>&,
                       const std::vector<DeviceTensor>&, const cl::Buffer*) override {
    return Status::Ok();
  }
  Status Enqueue(cl::Runtime&) override { return Status::Ok(); }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    std::memcpy(out[0]->raw(), in[0]->raw(), in[0]->bytes());
    return Status::Ok();
  }

 protected:
  onnx::NodeProto node_;
  std::string label_;
};

class ReshapeOp : public AliasOp {
 public:
  using AliasOp::AliasOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 2));
    if (!in[1].constant || in[1].dtype != DType::kInt64 || in[1].shape.size() != 1) {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ +
                               ": the target shape must be a 1-D int64 initializer "
                               "(run the converter to fold shape computations)");
    }
    auto y = reference::ReshapeOutputShape(in[0].shape, in[1].constant->values<int64_t>(),
                                           GetInt(node_, "allowzero", 0) != 0);
    if (!y.ok()) return y.status().WithContext(label_);
    return std::vector<TensorInfo>{{true, in[0].dtype, *y, nullptr}};
  }
};

class FlattenOp : public AliasOp {
 public:
  using AliasOp::AliasOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    auto y = reference::FlattenOutputShape(in[0].shape, GetInt(node_, "axis", 1));
    if (!y.ok()) return y.status().WithContext(label_);
    return std::vector<TensorInfo>{{true, in[0].dtype, *y, nullptr}};
  }
};

class IdentityOp : public AliasOp {
 public:
  using AliasOp::AliasOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    // Dropout in inference: optional ratio/training_mode inputs are ignored,
    // but a requested mask output is not produced.
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, node_.op_type() == "Dropout" ? 3 : 1));
    if (node_.output_size() > 1 && !node_.output(1).empty()) {
      return Status::Error(Reason::kUnsupportedOp, label_ + ": the mask output is not supported");
    }
    // Training mode drops at random: not an inference op.
    if (in.size() > 2 && in[2].present) {
      bool off = in[2].constant && in[2].dtype == DType::kBool &&
                 in[2].constant->values<uint8_t>()[0] == 0;
      if (!off) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": training_mode must be a constant false");
      }
    }
    return std::vector<TensorInfo>{{true, in[0].dtype, in[0].shape, nullptr}};
  }
};

class ConcatOp : public Op {
 public:
  explicit ConcatOp(const onnx::NodeProto& node)
      : label_(NodeLabel(node)), axis_(GetInt(node, "axis", 0)) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1u << 20));
    std::vector<Shape> shapes;
    for (const auto& t : in) {
      if (t.dtype != in[0].dtype) {
        return Status::Error(Reason::kInvalidModel, label_ + ": inputs differ in type");
      }
      shapes.push_back(t.shape);
    }
    auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
    if (!axis.ok()) return axis.status().WithContext(label_);
    axis_ = *axis;
    auto y = reference::ConcatOutputShape(shapes, axis_);
    if (!y.ok()) return y.status().WithContext(label_);
    return std::vector<TensorInfo>{{true, in[0].dtype, *y, nullptr}};
  }

  Status PrepareDevice(cl::Runtime&, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    size_t esize = DTypeSize(out[0].dtype);
    auto ys = reference::SplitAtAxis(out[0].shape, axis_);
    size_t offset = 0;
    copies_.clear();
    for (const DeviceTensor& t : in) {
      auto s = reference::SplitAtAxis(t.shape, axis_);
      size_t chunk = static_cast<size_t>(s.extent * s.inner) * esize;
      copies_.push_back({t.buffer->get(), out[0].buffer->get(), offset, chunk,
                         static_cast<size_t>(s.outer),
                         static_cast<size_t>(ys.extent * ys.inner) * esize});
      offset += chunk;
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    for (const Copy& c : copies_) {
      if (c.chunk == 0 || c.rows == 0) continue;
      size_t src_origin[3] = {0, 0, 0}, dst_origin[3] = {c.dst_offset, 0, 0};
      size_t region[3] = {c.chunk, c.rows, 1};
      RETURN_IF_ERROR(cl::CheckCl(
          clEnqueueCopyBufferRect(rt.queue(), c.src, c.dst, src_origin, dst_origin, region, c.chunk,
                                  0, c.dst_pitch, 0, 0, nullptr, rt.EventSlot()),
          label_ + " clEnqueueCopyBufferRect"));
    }
    return Status::Ok();
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Concat(in, axis_, out[0]);
    return Status::Ok();
  }

 private:
  struct Copy {
    cl_mem src, dst;
    size_t dst_offset, chunk, rows, dst_pitch;  // bytes, except rows
  };
  std::string label_;
  int64_t axis_;
  std::vector<Copy> copies_;
};

class SoftmaxOp : public Op {
 public:
  SoftmaxOp(const onnx::NodeProto& node, reference::SoftmaxMode mode)
      : label_(NodeLabel(node)), axis_(GetInt(node, "axis", -1)), mode_(mode) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
    RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
    auto axis = reference::NormalizeAxis(axis_, static_cast<int64_t>(in[0].shape.size()));
    if (!axis.ok()) return axis.status().WithContext(label_);
    axis_ = *axis;
    return std::vector<TensorInfo>{{true, DType::kFloat32, in[0].shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    auto s = reference::SplitAtAxis(in[0].shape, axis_);
    if (mode_ == reference::SoftmaxMode::kSoftmax && s.inner == 1) {
      // The last axis (attention scores): one work group per row.
      launch_ = {{}, static_cast<size_t>(s.outer) * 64, label_};
      ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("softmax_rows_f32"));
      return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(),
                         static_cast<int>(s.outer), static_cast<int>(s.extent), 1.0f);
    }
    launch_ = {{}, static_cast<size_t>(s.outer * s.inner), label_};
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("softmax_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(),
                       static_cast<int>(s.outer), static_cast<int>(s.extent),
                       static_cast<int>(s.inner), static_cast<int>(mode_));
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    reference::Softmax(*in[0], axis_, out[0], mode_);
    return Status::Ok();
  }

 private:
  std::string label_;
  int64_t axis_;
  reference::SoftmaxMode mode_;
  Launch launch_;
};

}  // namespace

std::unique_ptr<Op> MakeReshape(const onnx::NodeProto& n) { return std::make_unique<ReshapeOp>(n); }
std::unique_ptr<Op> MakeFlatten(const onnx::NodeProto& n) { return std::make_unique<FlattenOp>(n); }
std::unique_ptr<Op> MakeIdentity(const onnx::NodeProto& n) {
  return std::make_unique<IdentityOp>(n);
}
std::unique_ptr<Op> MakeDropout(const onnx::NodeProto& n) {
  return std::make_unique<IdentityOp>(n);
}
std::unique_ptr<Op> MakeConcat(const onnx::NodeProto& n) { return std::make_unique<ConcatOp>(n); }
std::unique_ptr<Op> MakeSoftmax(const onnx::NodeProto& n) {
  return std::make_unique<SoftmaxOp>(n, reference::SoftmaxMode::kSoftmax);
}
std::unique_ptr<Op> MakeLogSoftmax(const onnx::NodeProto& n) {
  return std::make_unique<SoftmaxOp>(n, reference::SoftmaxMode::kLogSoftmax);
}
std::unique_ptr<Op> MakeHardmax(const onnx::NodeProto& n) {
  return std::make_unique<SoftmaxOp>(n, reference::SoftmaxMode::kHardmax);
}

}  // namespace campaign::runner::ops
