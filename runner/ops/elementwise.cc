// Unary float32 functions (unary_f32; unary_int on integers, unary_f64 on
// float64 where the device has fp64), broadcasting
// binaries (runner/ops/binary_kernel.h), IsInf/IsNaN (float_class), Not and
// Where: the device classes (kernels/elementwise.cl).
#include "graph/ops/elementwise.h"

#include <memory>

#include "runner/ops/binary_kernel.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

namespace reference = graph::reference;
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

class UnaryDevice final : public graph::UnaryOp, public DeviceOp {
 public:
  using UnaryOp::UnaryOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    if (in[0].dtype == DType::kFloat64) {  // a device with fp64 (the half adapter passes it)
      ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("unary_f64"));
      return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                         static_cast<int>(kind_));
    }
    if (in[0].dtype != DType::kFloat32) {  // an integer type
      ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("unary_int"));
      return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                         static_cast<int>(kind_), static_cast<int>(in[0].dtype),
                         static_cast<cl_long>(lo_), static_cast<cl_long>(hi_));
    }
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("unary_f32"));
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(kind_), p0_, p1_);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

class BinaryDevice final : public graph::BinaryOp, public DeviceOp {
 public:
  using BinaryOp::BinaryOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    auto [rank, meta] = BroadcastMeta(out[0].shape, {in[0].shape, in[1].shape});
    ASSIGN_OR_RETURN(meta_, UploadInts(rt, meta));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    ASSIGN_OR_RETURN(launch_.kernel,
                     MakeBinaryKernel(rt, kind_, in[0], in[1], out[0], n, rank, meta_, label_));
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_;
  Launch launch_;
};

class FloatClassDevice final : public graph::FloatClassOp, public DeviceOp {
 public:
  using FloatClassOp::FloatClassOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("float_class"));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                       static_cast<int>(in[0].dtype), nan_ ? 1 : 0, pos_ ? 1 : 0, neg_ ? 1 : 0);
  }
  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

class NotDevice final : public graph::NotOp, public DeviceOp {
 public:
  using NotOp::NotOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("not_u8"));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_ = {std::move(launch_.kernel), static_cast<size_t>(n), label_};
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n);
  }
  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

class WhereDevice final : public graph::WhereOp, public DeviceOp {
 public:
  using WhereOp::WhereOp;

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
    size_t es = graph::DTypeSize(out[0].dtype);
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(es == 1   ? "where_8"
                                                     : es == 2 ? "where_16"
                                                     : es == 4 ? "where_32"
                                                               : "where_64"));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(ys), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(),
                       in[2].buffer->get(), out[0].buffer->get(), n, static_cast<int>(ys.size()),
                       meta_.get());
  }
  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  cl::Buffer meta_;
  Launch launch_;
};

std::unique_ptr<graph::Op> MakeUnary(const onnx::NodeProto& n) {
  return std::make_unique<UnaryDevice>(n, graph::UnaryKindOf(n.op_type()));
}
std::unique_ptr<graph::Op> MakeBinary(const onnx::NodeProto& n) {
  return std::make_unique<BinaryDevice>(n, graph::BinaryKindOf(n.op_type()));
}

}  // namespace

void RegisterElementwiseDeviceOps(graph::OpTable* table) {
  auto& m = *table;
  for (const graph::UnaryOpType& u : graph::kUnaryOpTypes) m[u.name] = MakeUnary;
  for (const graph::BinaryOpType& b : graph::kBinaryOpTypes) m[b.name] = MakeBinary;
  m["Not"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<NotDevice>(n);
  };
  m["IsNaN"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<FloatClassDevice>(n, true);
  };
  m["IsInf"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<FloatClassDevice>(n, false);
  };
  m["Where"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<WhereDevice>(n);
  };
}

}  // namespace campaign::runner::ops
