// LayerNormalization and ai.campaign.LayerNormalization: the device class
// (layer_norm_f32, one work-group of 64 per row).
#include "graph/ops/layer_norm.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class LayerNormDevice final : public graph::LayerNormOp, public DeviceOp {
 public:
  using LayerNormOp::LayerNormOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    int64_t rows = inner_ == 0 ? 0 : graph::NumElements(in[0].shape) / inner_;
    ASSIGN_OR_RETURN(int r, graph::ToInt(rows, label_));
    ASSIGN_OR_RETURN(launch_.kernel, rt.CreateKernel("layer_norm_f32"));
    launch_.items = static_cast<size_t>(r) * 64;
    launch_.what = label_;
    cl_mem bias = has_bias_ ? in[2].buffer->get() : in[1].buffer->get();
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), in[1].buffer->get(), bias,
                       out[0].buffer->get(), r, static_cast<int>(inner_), eps_, has_bias_ ? 1 : 0,
                       stats_ ? 1 : 0, (stats_ ? out[1] : out[0]).buffer->get(),
                       (stats_ ? out[2] : out[0]).buffer->get());
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
};

}  // namespace

void RegisterLayerNormDeviceOps(graph::OpTable* table) {
  auto& m = *table;
  m["LayerNormalization"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<LayerNormDevice>(n);
  };
  // The same operator for engines of opset < 17 (converter/passes/fuse_layernorm.h).
  m["ai.campaign.LayerNormalization"] = m["LayerNormalization"];
}

}  // namespace campaign::runner::ops
