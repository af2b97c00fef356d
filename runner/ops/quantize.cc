// QuantizeLinear and DequantizeLinear: the device class (reference class:
// graph/ops/quantize.h; graph/reference/quantize.h is the reference). Scale
// and zero point may be computed tensors; the kernels read them from the
// device. A DequantizeLinear of a constant (an int8 weight) is folded at load
// by the executor, so the device then holds the weight in float32.
#include "graph/ops/quantize.h"

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class QuantDevice final : public graph::QuantOp, public DeviceOp {
 public:
  using QuantOp::QuantOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const DType q = quantize_ ? out[0].dtype : in[0].dtype;
    const char* name = quantize_            ? (q == DType::kInt8 ? "quantize_i8" : "quantize_u8")
                       : q == DType::kInt8  ? "dequantize_i8"
                       : q == DType::kUInt8 ? "dequantize_u8"
                                            : "dequantize_i32";
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(out[0].shape), label_));
    ASSIGN_OR_RETURN(int inner, graph::ToInt(axis_.inner, label_));
    ASSIGN_OR_RETURN(int channels, graph::ToInt(axis_.channels, label_));
    launch_.items = static_cast<size_t>(n);
    launch_.what = label_;
    // Without a zero point the kernel does not read `zp`; any buffer will do.
    cl_mem zp = has_zp_ ? in[2].buffer->get() : in[1].buffer->get();
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(), zp,
                       out[0].buffer->get(), n, inner, channels, has_zp_ ? 1 : 0);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterQuantizeDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["QuantizeLinear"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<QuantDevice>(n, true);
  };
  t["DequantizeLinear"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<QuantDevice>(n, false);
  };
}

}  // namespace campaign::runner::ops
