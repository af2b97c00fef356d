// Reference RoiAlign: X [N, C, H, W], rois [R, 4] (x1, y1, x2, y2 in input
// coordinates before spatial_scale), batch_indices [R] (int64) -> Y [R, C,
// output_height, output_width]. Each bin averages (avg) or takes the
// largest (max) of sampling_ratio^2 bilinear samples (0: ceil(roi extent /
// output extent) per axis). The arithmetic is onnxruntime's, which ONNX's
// reference follows, including its max mode (the largest single weighted
// corner w * v over the samples, not the largest interpolated value).
// Op class: graph/ops/roi_align.h; kernel: runner/kernels/roi_align.cl.
#pragma once

#include <cstdint>

#include "graph/tensor.h"

namespace campaign::graph::reference {

struct RoiAlignParams {
  bool max_mode = false;
  bool half_pixel = true;  // false: output_half_pixel (opset 10's rule)
  int64_t out_h = 1, out_w = 1, sampling_ratio = 0;
  float spatial_scale = 1.0f;
};

// REQUIRES: shapes as above; y shaped [R, C, out_h, out_w]; every batch
// index in [0, N) (the op class checks constants; others are clamped).
void RoiAlign(const HostTensor& x, const HostTensor& rois, const HostTensor& batch,
              const RoiAlignParams& p, HostTensor* y);

}  // namespace campaign::graph::reference
