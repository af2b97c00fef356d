// Pass "fold_batchnorm": an inference BatchNormalization right after a Conv
// or a Gemm is folded into that node's weights and bias:
//   s = scale / sqrt(var + epsilon)
//   Conv: W'[m] = W[m] * s[m],      b' = (b - mean) * s + B
//   Gemm: columns n of op(B) * s[n], C' = (beta*C - mean) * s + B, beta' = 1
// Conditions: the Conv/Gemm output is read only by the BatchNormalization
// and is not a graph output; W (B for Gemm), the bias and all four
// BatchNormalization parameters are float initializers; the
// BatchNormalization has one used output (inference). Gemm needs a 2-D
// output whose BatchNormalization channel is its last dimension and C (when
// present) of N elements. New weights get fresh names (the old ones may be
// shared); unused initializers are dropped later.
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of BatchNormalization nodes folded.
int FoldBatchNorm(onnx::GraphProto& graph);

}  // namespace campaign::converter
