// Pass "fuse_residual": a residual Add after a convolution becomes part of
// the convolution's epilogue (resnet's bottlenecks, mobilenet_v2's inverted
// residuals):
//   y = Conv(X, W, B?)            or FusedConv(...) with activation "None"
//   z = Add(y, R)  (or Add(R, y)), R of y's static shape (no broadcast)
//   [r = Relu(z)]
// -> FusedConv(X, W, B or "", R) {activation = "Relu" when the Relu was there,
// else "None"} writing r (or z). y must be read only by the Add, and z only by
// the Relu when it is fused; neither may be a graph output. The fused node
// takes the Add's place in the node order, where R is already computed.
#pragma once

#include <onnx/onnx_pb.h>

namespace campaign::converter {

// Returns the number of Adds fused. Adds the ai.campaign opset import when it
// creates a fused node.
int FuseResidualAdds(onnx::ModelProto& model);

}  // namespace campaign::converter
