// Pad: the reference class. Every opset form: opset 2 (`pads` and `value`
// attributes), 11+ (`pads` and `constant_value` as constant inputs), 18
// (`axes` input), 19 (`wrap` mode). Data float32, int32 or int64 (float16
// through the half adapter). Device class: runner/ops/pad.cc;
// arithmetic: graph/reference/pad.h; kernel: runner/kernels/pad.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/pad.h"

namespace campaign::graph {

class PadOp : public Op {
 public:
  explicit PadOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::PadParams p_;  // set by Infer
};

}  // namespace campaign::graph
