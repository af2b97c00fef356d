// QuantizeLinear and DequantizeLinear (opset 10/13): int8/uint8, per-tensor
// and per-axis (graph/reference/quantize.h is the reference). Scale and
// zero point may be computed tensors; the kernels read them from the device.
// A DequantizeLinear of a constant (an int8 weight) is folded at load by the
// executor, so the device then holds the weight in float32.
#include "graph/attributes.h"
#include "runner/ops/factories.h"
#include "graph/reference/quantize.h"

namespace campaign::runner::ops {
namespace {

class QuantOp : public Op {
 public:
  QuantOp(const onnx::NodeProto& node, bool quantize)
      : label_(NodeLabel(node)), quantize_(quantize), axis_attr_(GetInt(node, "axis", 1)) {}

  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override {
    RETURN_IF_ERROR(RequireInputs(label_, in, 2, 3));
    RETURN_IF_ERROR(RequireFloat(label_, in[1], "the scale"));
    has_zp_ = in.size() > 2 && in[2].present;
    const DType x = in[0].dtype;
    DType y = DType::kFloat32;
    if (quantize_) {
      RETURN_IF_ERROR(RequireFloat(label_, in[0], "the input"));
      y = has_zp_ ? in[2].dtype : DType::kUInt8;
      if (y != DType::kInt8 && y != DType::kUInt8) return BadType("the zero point", y);
    } else {
      if (x != DType::kInt8 && x != DType::kUInt8 && x != DType::kInt32) {
        return BadType("the input", x);
      }
      if (has_zp_ && in[2].dtype != x) return BadType("the zero point", in[2].dtype);
    }
    ASSIGN_OR_RETURN(
        axis_, reference::ResolveQuantAxis(in[0].shape, in[1].shape,
                                           has_zp_ ? &in[2].shape : nullptr, axis_attr_, label_));
    return std::vector<TensorInfo>{{true, y, in[0].shape, nullptr}};
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const DType q = quantize_ ? out[0].dtype : in[0].dtype;
    const char* name = quantize_            ? (q == DType::kInt8 ? "quantize_i8" : "quantize_u8")
                       : q == DType::kInt8  ? "dequantize_i8"
                       : q == DType::kUInt8 ? "dequantize_u8"
                                            : "dequantize_i32";
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel(name));
    ASSIGN_OR_RETURN(int n, ToInt(NumElements(out[0].shape), label_));
    ASSIGN_OR_RETURN(int inner, ToInt(axis_.inner, label_));
    ASSIGN_OR_RETURN(int channels, ToInt(axis_.channels, label_));
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

  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override {
    const HostTensor* zp = in.size() > 2 ? in[2] : nullptr;
    if (quantize_) {
      reference::QuantizeLinear(*in[0], *in[1], zp, axis_, out[0]);
    } else {
      reference::DequantizeLinear(*in[0], *in[1], zp, axis_, out[0]);
    }
    return Status::Ok();
  }

 private:
  Status BadType(std::string_view which, DType t) const {
    return Status::Error(Reason::kUnsupportedPrecision,
                         label_ + ": " + std::string(which) + " has type " +
                             std::string(DTypeName(t)) +
                             (quantize_ ? "; QuantizeLinear produces int8 or uint8"
                                        : "; DequantizeLinear reads int8, uint8 or int32"));
  }

  std::string label_;
  bool quantize_;
  int64_t axis_attr_;
  bool has_zp_ = false;
  reference::QuantAxis axis_;
  Launch launch_;
};

std::unique_ptr<Op> MakeQuantizeLinear(const onnx::NodeProto& node) {
  return std::make_unique<QuantOp>(node, true);
}
std::unique_ptr<Op> MakeDequantizeLinear(const onnx::NodeProto& node) {
  return std::make_unique<QuantOp>(node, false);
}

}  // namespace

void RegisterQuantizeOps(std::map<std::string, OpFactory>* registry) {
  (*registry)["QuantizeLinear"] = MakeQuantizeLinear;
  (*registry)["DequantizeLinear"] = MakeDequantizeLinear;
}

}  // namespace campaign::runner::ops
