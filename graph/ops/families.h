// One registration function per op family, each in graph/ops/<family>.cc;
// graph/ops/registry.cc calls them all. The runner's device classes of a
// family register under the same keys (runner/ops/families.h).
#pragma once

#include "graph/ops/registry.h"

namespace campaign::graph {

void RegisterAttentionOps(OpTable* table);      // ai.campaign.Attention
void RegisterBatchNormOps(OpTable* table);      // BatchNormalization (inference)
void RegisterCastOps(OpTable* table);           // Cast, CastLike
void RegisterConcatOps(OpTable* table);         // Concat
void RegisterConvOps(OpTable* table);           // Conv, ai.campaign.FusedConv
void RegisterConvTransposeOps(OpTable* table);  // ConvTranspose
void RegisterCumSumOps(OpTable* table);         // CumSum
void RegisterDropoutOps(OpTable* table);        // Dropout (inference)
void RegisterEinsumOps(OpTable* table);         // Einsum
void RegisterElementwiseOps(OpTable* table);    // unary, binary, comparison, logic, Not, Where
void RegisterFusedOps(OpTable* table);          // ai.campaign.FusedGemm, FusedMatMul
void RegisterGatherOps(OpTable* table);         // Gather, GatherElements, GatherND
void RegisterGemmOps(OpTable* table);           // Gemm, MatMul
void RegisterGridSampleOps(OpTable* table);     // GridSample (4-D)
void RegisterGroupNormOps(OpTable* table);      // GroupNormalization, MeanVarianceNormalization
void RegisterInstanceNormOps(OpTable* table);   // InstanceNormalization
void RegisterLayerNormOps(OpTable* table);    // LayerNormalization, ai.campaign.LayerNormalization
void RegisterLossOps(OpTable* table);         // NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss
void RegisterLpNormOps(OpTable* table);       // LpNormalization
void RegisterLrnOps(OpTable* table);          // LRN
void RegisterMaxUnpoolOps(OpTable* table);    // MaxUnpool
void RegisterMovementOps(OpTable* table);     // Transpose, Slice, Expand, Split, Tile,
                                              // DepthToSpace, SpaceToDepth
void RegisterNmsOps(OpTable* table);          // NonMaxSuppression (data-dependent)
void RegisterNonZeroOps(OpTable* table);      // NonZero, Compress (data-dependent)
void RegisterOneHotOps(OpTable* table);       // OneHot
void RegisterPadOps(OpTable* table);          // Pad
void RegisterPoolOps(OpTable* table);         // MaxPool, AveragePool, LpPool, Global*Pool
void RegisterQuantLinearOps(OpTable* table);  // DynamicQuantizeLinear, MatMulInteger,
                                              // QLinearMatMul, ConvInteger, QLinearConv
void RegisterQuantizeOps(OpTable* table);     // QuantizeLinear, DequantizeLinear
void RegisterReduceOps(OpTable* table);       // Reduce*, ArgMax, ArgMin
void RegisterReshapeOps(OpTable* table);  // Reshape, Flatten, Identity, Dropout, Squeeze, Unsqueeze
void RegisterResizeOps(OpTable* table);   // Resize, Upsample
void RegisterReverseSequenceOps(OpTable* table);  // ReverseSequence
void RegisterRnnOps(OpTable* table);              // LSTM, GRU, RNN
void RegisterRoiAlignOps(OpTable* table);         // RoiAlign
void RegisterScatterOps(OpTable* table);          // ScatterND, ScatterElements, Scatter
void RegisterShapeOps(OpTable* table);     // Shape, Size, ConstantOfShape, Range, EyeLike (folded)
void RegisterShrinkOps(OpTable* table);    // Shrink
void RegisterSignalOps(OpTable* table);    // DFT, STFT, *Window, MelWeightMatrix, Det
void RegisterSoftmaxOps(OpTable* table);   // Softmax, LogSoftmax, Hardmax
void RegisterTfIdfOps(OpTable* table);     // TfIdfVectorizer (integer pools)
void RegisterTopKOps(OpTable* table);      // TopK
void RegisterTriluOps(OpTable* table);     // Trilu
void RegisterUniqueOps(OpTable* table);    // Unique (data-dependent)
void RegisterVariadicOps(OpTable* table);  // Max, Min, Mean, Sum

}  // namespace campaign::graph
