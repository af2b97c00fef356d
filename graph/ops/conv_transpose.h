// ConvTranspose(X, W, B?) with 1 to 3 spatial dims: the reference class.
// Device class: runner/ops/conv_transpose.cc; arithmetic:
// graph/reference/conv_transpose.h; kernel: runner/kernels/conv_transpose.cl.
//
// Attributes: group, strides, dilations, pads, output_padding, auto_pad
// (NOTSET, SAME_UPPER, SAME_LOWER, VALID) and output_shape, which overrides
// pads as the ONNX spec says (total padding split with the odd pad at the
// end for SAME_UPPER, at the start otherwise).
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/conv_transpose.h"

namespace campaign::graph {

class ConvTransposeOp : public Op {
 public:
  explicit ConvTransposeOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  // Set by Infer.
  reference::ConvTransposeParams p_;
  bool has_bias_ = false;
  Shape x_, y_;
};

}  // namespace campaign::graph
