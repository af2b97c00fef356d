// GridSample on 4-D input: the reference class. mode bilinear / nearest /
// bicubic (opset 16's names) or linear / nearest / cubic (opset 20's);
// padding_mode zeros / border / reflection; align_corners. Opset 20's
// N-D form (5-D volumes) is unsupported. Device class:
// runner/ops/grid_sample.cc; arithmetic: graph/reference/grid_sample.h;
// kernel: runner/kernels/grid_sample.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/grid_sample.h"

namespace campaign::graph {

class GridSampleOp : public Op {
 public:
  explicit GridSampleOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::GridSampleParams p_;  // set by Infer
};

}  // namespace campaign::graph
