// Shrink: the reference class; `lambd` (default 0.5) and `bias` (default
// 0), float32 data (float16 through the half adapter). Device class:
// runner/ops/shrink.cc; arithmetic: graph/reference/shrink.h; kernel:
// runner/kernels/shrink.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class ShrinkOp : public Op {
 public:
  explicit ShrinkOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  float lambd_, bias_;
};

}  // namespace campaign::graph
