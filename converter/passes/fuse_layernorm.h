// Pass "fuse_layernorm": LayerNorm written out in plain ONNX ops (what torch
// exports below opset 17) becomes one LayerNormalization node:
//   m = ReduceMean(x, axes)            axes: the last k axes, keepdims=1
//   d = Sub(x, m)
//   v = ReduceMean(Pow(d, 2) | Mul(d, d), axes)
//   n = Div(d, Sqrt(Add(v, eps)))  |  Mul(d, Reciprocal(Sqrt(Add(v, eps))))
//   y = Add(Mul(n, gamma), beta)       gamma and beta optional, constants
// ReduceMean's axes may be an attribute (opset < 18) or a constant input.
// Every intermediate tensor must be read only inside the pattern.
//
// The node is ONNX's LayerNormalization(x, gamma, beta; axis, epsilon) when
// the model imports opset >= 17; below that (the operator does not exist
// there, and raising the model's opset would change other operators'
// versions) it is ai.campaign.LayerNormalization with the same inputs,
// attributes and semantics (schema/engine-format.md), so ONNX tools still
// open the engine. gamma missing: a ones initializer; beta missing: no
// third input.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace campaign::converter {

// The op type the pass creates for `model`: "LayerNormalization" (default
// domain, opset >= 17) or "ai.campaign.LayerNormalization".
std::string LayerNormOpFor(const onnx::ModelProto& model);

// Returns the number of LayerNorm patterns fused. Adds the ai.campaign opset
// import when it creates a node of that domain.
int FuseLayerNorm(onnx::ModelProto& model);

}  // namespace campaign::converter
