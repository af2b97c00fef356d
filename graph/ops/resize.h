// Resize (every opset) and the deprecated Upsample (7, 9) with constant
// roi/scales/sizes: nearest (every nearest_mode), linear, cubic
// (cubic_coeff_a, exclude_outside), every coordinate_transformation_mode,
// opset 18's `axes` and keep_aspect_ratio_policy. Resize-10 (X, scales)
// and Upsample resize nearest or linear on asymmetric coordinates, nearest
// flooring when upsampling and ceiling when downsampling (onnxruntime).
// antialias is unsupported when it would filter (linear/cubic downscaling).
// The reference class. Device class: runner/ops/resize.cc; arithmetic:
// graph/reference/resize.h; kernel: runner/kernels/resize.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/resize.h"

namespace campaign::graph {

class ResizeOp : public Op {
 public:
  explicit ResizeOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::ResizeParams p_;
  reference::ResizeTables tables_;  // set by Infer
};

}  // namespace campaign::graph
