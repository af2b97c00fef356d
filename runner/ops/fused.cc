// ai.campaign.FusedGemm / FusedMatMul (graph/ops/fused.h): the device class.
// The inner Gemm/MatMul device op, then one in-place epilogue (bias +
// residual + activation) kernel (kernels/fused.cl). FusedConv is ConvDevice
// itself (runner/ops/conv.cc), whose kernels carry the epilogue.
#include "graph/ops/fused.h"

#include "runner/ops/families.h"
#include "runner/ops/op.h"
#include "runner/ops/registry.h"

namespace campaign::runner::ops {
namespace {

using graph::reference::Activation;

class FusedDevice final : public graph::FusedOp, public DeviceOp {
 public:
  // `inner` is a device factory: the inner op is a DeviceOp too.
  FusedDevice(const onnx::NodeProto& node, graph::OpFactory inner, const std::string& inner_type,
              bool bias_input)
      : FusedOp(node, inner, inner_type, bias_input),
        inner_device_(dynamic_cast<DeviceOp*>(inner_.get())) {}

  size_t WorkspaceBytes() const override {
    return inner_device_ ? inner_device_->WorkspaceBytes() : 0;
  }

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer* ws) override {
    if (inner_device_ == nullptr) return AsDeviceOp(*inner_, label_).status();
    std::vector<DeviceTensor> inner_in = in;
    if (inner_in.size() > 3) inner_in.resize(3);
    if (bias_input_ && inner_in.size() > 2) inner_in.resize(2);
    RETURN_IF_ERROR(inner_device_->PrepareDevice(rt, inner_in, out, ws));
    return PrepareEpilogue(rt, has_bias_ ? &in[2] : nullptr, has_residual_ ? &in[3] : nullptr,
                           out[0]);
  }

  Status Enqueue(cl::Runtime& rt) override {
    RETURN_IF_ERROR(inner_device_->Enqueue(rt));
    if (epilogue_.items == 0) return Status::Ok();
    return rt.Launch1D(epilogue_.kernel, epilogue_.items, epilogue_.what);
  }

 private:
  // Binds the in-place epilogue kernel to y (nothing when there is neither a
  // bias nor an activation).
  Status PrepareEpilogue(cl::Runtime& rt, const DeviceTensor* bias, const DeviceTensor* residual,
                         const DeviceTensor& y) {
    if (act_ == Activation::kNone && bias == nullptr && residual == nullptr) return Status::Ok();
    ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(y.shape), label_));
    int bias_len = bias ? static_cast<int>(graph::NumElements(bias->shape)) : 0;
    cl_mem y_mem = y.buffer->get();
    cl_mem b_mem = bias ? bias->buffer->get() : y_mem;
    epilogue_ = {{}, static_cast<size_t>(n), label_ + " epilogue"};
    if (residual != nullptr) {
      ASSIGN_OR_RETURN(epilogue_.kernel, rt.CreateKernel("epilogue_residual_f32"));
      return cl::SetArgs(epilogue_.kernel, y_mem, b_mem, bias_len, residual->buffer->get(), n,
                         static_cast<int>(act_), alpha_, beta_);
    }
    ASSIGN_OR_RETURN(epilogue_.kernel, rt.CreateKernel("epilogue_f32"));
    return cl::SetArgs(epilogue_.kernel, y_mem, b_mem, bias_len, n, static_cast<int>(act_), alpha_,
                       beta_);
  }

  DeviceOp* inner_device_;  // inner_'s device half; null only for a non-device factory
  Launch epilogue_;
};

}  // namespace

// FusedConv is registered with Conv (RegisterConvDeviceOps). The inner ops
// are the device registry's own Gemm and MatMul (DeviceOps(), complete by
// the time a factory runs).
void RegisterFusedDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["ai.campaign.FusedGemm"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<FusedDevice>(n, DeviceOps().at("Gemm"), "Gemm", false);
  };
  t["ai.campaign.FusedMatMul"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<FusedDevice>(n, DeviceOps().at("MatMul"), "MatMul", true);
  };
}

}  // namespace campaign::runner::ops
