// Pass "fuse_gemm_residual": the residual Add after a GEMM moves into the fused
// node's epilogue (its 4th input `residual`, schema/engine-format.md):
//   y = Add(Reshape*(G), r)  ->  G' = FusedGemm/FusedMatMul(..., r); y = Reshape*(G')
// G is a Gemm, FusedGemm or FusedMatMul with activation None (the epilogue
// computes act(op + bias + residual), so a later activation can still fuse),
// r has the Add's output shape (no broadcast) and is computed before G, and
// G's output and every Reshape in between are read only on this path.
// A plain Gemm becomes FusedMatMul(A, B, bias) when it is A·B + bias[N]
// (bias and residual then share one epilogue kernel), else FusedGemm.
// Saves one elementwise kernel per residual connection (transformer blocks).
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of Adds fused. Adds the ai.campaign opset import when
// it turns a Gemm into a fused node.
int FuseGemmResidualAdd(onnx::ModelProto& model);

}  // namespace campaign::converter
