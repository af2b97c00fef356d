// Cast and CastLike: the device class (a buffer copy when the types agree, else one
// cast_<from>_<to> kernel, or cast_any for the pairs without one).
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
    // float32/int64/int32/bool among themselves and float16 <-> float32 have
    // kernels of their own; every other pair goes through cast_any.
    auto code = [](DType t) -> const char* {
      switch (t) {
        case DType::kFloat32:
          return "f32";
        case DType::kInt64:
          return "i64";
        case DType::kInt32:
          return "i32";
        case DType::kBool:
          return "bool";
        case DType::kFloat16:
          return "f16";
        default:
          return nullptr;
      }
    };
    const char* from = code(in[0].dtype);
    const char* to = code(out[0].dtype);
    const bool half = in[0].dtype == DType::kFloat16 || out[0].dtype == DType::kFloat16;
    const bool f32 = in[0].dtype == DType::kFloat32 || out[0].dtype == DType::kFloat32;
    if (!from || !to || (half && !f32)) {
      ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("cast_any"));
      return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), n,
                         static_cast<int>(in[0].dtype), static_cast<int>(out[0].dtype));
    }
    std::string name = std::string("cast_") + from + "_" + to;
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
