// Pass "matmul_add": MatMul(A, W) followed by Add(bias) becomes one node.
//   A 2-D [M,K]:       Gemm(A, W, bias)                   (standard ONNX)
//   A of rank >= 3:    ai.campaign.FusedMatMul(A, W, bias) (bias added by
//                      the epilogue; graph/ops/fused.h, runner/ops/fused.cc)
// Conditions: W a float initializer [K,N]; the bias a float initializer of
// N elements broadcasting along the last dimension ([N], [1,N], [1,1,N]...);
// the MatMul output read only by that Add and not a graph output.
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of MatMul+Add pairs replaced. Adds the ai.campaign
// opset import when it creates a FusedMatMul; makes none when !allow_fused.
int FuseMatMulAdd(onnx::ModelProto& model, bool allow_fused = true);

}  // namespace campaign::converter
