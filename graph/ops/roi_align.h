// RoiAlign: the reference class. mode avg / max, output_height/width,
// sampling_ratio (0: adaptive), spatial_scale, coordinate_transformation_mode
// half_pixel / output_half_pixel. The attribute must be present: its
// default changed with opset 16 (half_pixel) from opset 10's fixed
// output_half_pixel, and the op cannot tell the model's opset, so a node
// without it is kUnsupportedOp rather than a guess. Device class:
// runner/ops/roi_align.cc; arithmetic: graph/reference/roi_align.h;
// kernel: runner/kernels/roi_align.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/roi_align.h"

namespace campaign::graph {

class RoiAlignOp : public Op {
 public:
  explicit RoiAlignOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::RoiAlignParams p_;  // set by Infer
};

}  // namespace campaign::graph
