// Cast and CastLike: the device class (a buffer copy when the types agree, else one
// cast_<from>_<to> kernel).
#include "graph/ops/cast.h"

#include <memory>
#include <string>

#include "runner/cl/error.h"
#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class CastDevice final : public graph::CastOp, public DeviceOp {
 public:
  using CastOp::CastOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    if (in[0].dtype == out[0].dtype) {
      copy_bytes_ = static_cast<size_t>(n) * graph::DTypeSize(in[0].dtype);
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
                               std::string(graph::DTypeName(in[0].dtype)) + " -> " +
                               std::string(graph::DTypeName(out[0].dtype)));
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

 private:
  Launch launch_;
  cl_mem src_ = nullptr, dst_ = nullptr;
  size_t copy_bytes_ = 0;
};

}  // namespace

void RegisterCastDeviceOps(graph::OpTable* table) {
  (*table)["Cast"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<CastDevice>(n, false);
  };
  (*table)["CastLike"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<CastDevice>(n, true);
  };
}

}  // namespace campaign::runner::ops
