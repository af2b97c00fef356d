#include "runner/ops/registry.h"

#include "runner/ops/families.h"

namespace campaign::runner::ops {

const graph::OpTable& DeviceOps() {
  static const auto* table = [] {
    auto* t = new graph::OpTable;
    for (auto reg : {RegisterAttentionDeviceOps, RegisterCastDeviceOps, RegisterConcatDeviceOps,
                     RegisterConvDeviceOps, RegisterElementwiseDeviceOps, RegisterFusedDeviceOps,
                     RegisterGatherDeviceOps, RegisterGemmDeviceOps, RegisterLayerNormDeviceOps,
                     RegisterLossDeviceOps, RegisterMovementDeviceOps, RegisterPoolDeviceOps,
                     RegisterQuantizeDeviceOps, RegisterReduceDeviceOps, RegisterReshapeDeviceOps,
                     RegisterResizeDeviceOps, RegisterShapeDeviceOps, RegisterSoftmaxDeviceOps,
                     RegisterTriluDeviceOps, RegisterVariadicDeviceOps}) {
      reg(t);
    }
    return t;
  }();
  return *table;
}

}  // namespace campaign::runner::ops
