// Pass "fuse_activation": an activation right after a Conv, Gemm or MatMul
// (or a FusedMatMul that has none yet) becomes that node's epilogue:
// Conv -> ai.campaign.FusedConv, Gemm -> FusedGemm, MatMul -> FusedMatMul,
// with attributes activation / activation_alpha / activation_beta
// (schema/engine-format.md). Recognised patterns on the node's output x:
//   Relu(x), Sigmoid(x), HardSwish(x), HardSigmoid(x; alpha, beta),
//   LeakyRelu(x; alpha), Clip(x, min, max) with constant bounds (Relu6),
//   SiLU:  Mul(x, Sigmoid(x))
//   GELU:  Mul(Mul(x, Add(Erf(Div(x, sqrt(2))), 1)), 0.5)   (torch's export)
//   GELU (tanh): Mul(Mul(x, Add(Tanh(Mul(Add(x, Mul(Pow(x, 3), 0.044715)),
//                sqrt(2/pi))), 1)), 0.5)
// Every intermediate tensor of a pattern must be read only inside it and x
// only by the pattern; the fused node writes the pattern's output tensor.
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of activations fused. Adds the ai.campaign opset import
// when it creates a fused node.
int FuseActivations(onnx::ModelProto& model);

}  // namespace campaign::converter
