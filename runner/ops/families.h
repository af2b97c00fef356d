// One registration function per op family, each in runner/ops/<family>.cc
// beside the family's device classes; registry.cc calls them all. Keys are
// those of the family's graph registration (graph/ops/families.h).
#pragma once

#include "graph/ops/registry.h"

namespace campaign::runner::ops {

void RegisterAttentionDeviceOps(graph::OpTable* table);
void RegisterBatchNormDeviceOps(graph::OpTable* table);
void RegisterCastDeviceOps(graph::OpTable* table);
void RegisterConcatDeviceOps(graph::OpTable* table);
void RegisterConvDeviceOps(graph::OpTable* table);
void RegisterConvTransposeDeviceOps(graph::OpTable* table);
void RegisterCumSumDeviceOps(graph::OpTable* table);
void RegisterDropoutDeviceOps(graph::OpTable* table);
void RegisterEinsumDeviceOps(graph::OpTable* table);
void RegisterElementwiseDeviceOps(graph::OpTable* table);
void RegisterFusedDeviceOps(graph::OpTable* table);
void RegisterGatherDeviceOps(graph::OpTable* table);
void RegisterGemmDeviceOps(graph::OpTable* table);
void RegisterGridSampleDeviceOps(graph::OpTable* table);
void RegisterGroupNormDeviceOps(graph::OpTable* table);
void RegisterInstanceNormDeviceOps(graph::OpTable* table);
void RegisterLayerNormDeviceOps(graph::OpTable* table);
void RegisterLossDeviceOps(graph::OpTable* table);
void RegisterLpNormDeviceOps(graph::OpTable* table);
void RegisterLrnDeviceOps(graph::OpTable* table);
void RegisterMaxUnpoolDeviceOps(graph::OpTable* table);
void RegisterMovementDeviceOps(graph::OpTable* table);
void RegisterNmsDeviceOps(graph::OpTable* table);
void RegisterNonZeroDeviceOps(graph::OpTable* table);
void RegisterOneHotDeviceOps(graph::OpTable* table);
void RegisterPadDeviceOps(graph::OpTable* table);
void RegisterPoolDeviceOps(graph::OpTable* table);
void RegisterQuantLinearDeviceOps(graph::OpTable* table);
void RegisterQuantizeDeviceOps(graph::OpTable* table);
void RegisterReduceDeviceOps(graph::OpTable* table);
void RegisterReshapeDeviceOps(graph::OpTable* table);
void RegisterResizeDeviceOps(graph::OpTable* table);
void RegisterReverseSequenceDeviceOps(graph::OpTable* table);
void RegisterRnnDeviceOps(graph::OpTable* table);
void RegisterRoiAlignDeviceOps(graph::OpTable* table);
void RegisterScatterDeviceOps(graph::OpTable* table);
void RegisterShapeDeviceOps(graph::OpTable* table);
void RegisterShrinkDeviceOps(graph::OpTable* table);
void RegisterSignalDeviceOps(graph::OpTable* table);
void RegisterSoftmaxDeviceOps(graph::OpTable* table);
void RegisterTfIdfDeviceOps(graph::OpTable* table);
void RegisterTopKDeviceOps(graph::OpTable* table);
void RegisterTriluDeviceOps(graph::OpTable* table);
void RegisterUniqueDeviceOps(graph::OpTable* table);
void RegisterVariadicDeviceOps(graph::OpTable* table);

}  // namespace campaign::runner::ops
