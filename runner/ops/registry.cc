#include "runner/ops/registry.h"

#include "runner/ops/families.h"

namespace campaign::runner::ops {

const graph::OpTable& DeviceOps() {
  static const auto* table = [] {
    auto* t = new graph::OpTable;
    // One family per line (graph/ops/families.h), sorted by name.
    // clang-format off
    for (auto reg : {
             RegisterAttentionDeviceOps,
             RegisterBatchNormDeviceOps,
             RegisterCastDeviceOps,
             RegisterConcatDeviceOps,
             RegisterConvDeviceOps,
             RegisterConvTransposeDeviceOps,
             RegisterCumSumDeviceOps,
             RegisterDropoutDeviceOps,
             RegisterEinsumDeviceOps,
             RegisterElementwiseDeviceOps,
             RegisterFusedDeviceOps,
             RegisterGatherDeviceOps,
             RegisterGemmDeviceOps,
             RegisterGridSampleDeviceOps,
             RegisterGroupNormDeviceOps,
             RegisterInstanceNormDeviceOps,
             RegisterLayerNormDeviceOps,
             RegisterLossDeviceOps,
             RegisterLpNormDeviceOps,
             RegisterLrnDeviceOps,
             RegisterMaxUnpoolDeviceOps,
             RegisterMovementDeviceOps,
             RegisterNmsDeviceOps,
             RegisterNonZeroDeviceOps,
             RegisterOneHotDeviceOps,
             RegisterPadDeviceOps,
             RegisterPoolDeviceOps,
             RegisterQuantLinearDeviceOps,
             RegisterQuantizeDeviceOps,
             RegisterReduceDeviceOps,
             RegisterReshapeDeviceOps,
             RegisterResizeDeviceOps,
             RegisterReverseSequenceDeviceOps,
             RegisterRnnDeviceOps,
             RegisterRoiAlignDeviceOps,
             RegisterScatterDeviceOps,
             RegisterShapeDeviceOps,
             RegisterShrinkDeviceOps,
             RegisterSignalDeviceOps,
             RegisterSoftmaxDeviceOps,
             RegisterTfIdfDeviceOps,
             RegisterTopKDeviceOps,
             RegisterTriluDeviceOps,
             RegisterUniqueDeviceOps,
             RegisterVariadicDeviceOps,
         }) {
      // clang-format on
      reg(t);
    }
    return t;
  }();
  return *table;
}

}  // namespace campaign::runner::ops

namespace campaign::runner::ops {

Result<std::unique_ptr<graph::Op>> DeviceOpMaker::Create(const onnx::NodeProto& node) const {
  return graph::CreateOp(DeviceOps(), node);
}

std::unique_ptr<graph::Op> DeviceOpMaker::WrapHalf(std::unique_ptr<graph::Op> inner,
                                                   std::string label) const {
  return MakeHalfAdapterDevice(std::move(inner), std::move(label), scratch_);
}

}  // namespace campaign::runner::ops
