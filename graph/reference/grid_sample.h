// Reference GridSample on 4-D input: X [N, C, H, W] sampled at grid
// [N, Ho, Wo, 2] (x then y, normalised to [-1, 1]) into Y [N, C, Ho, Wo].
// Op class: graph/ops/grid_sample.h; kernel: runner/kernels/grid_sample.cl
// (the same float arithmetic, step by step).
//
// Rules (onnxruntime's, which PyTorch's grid_sample and ONNX's test data
// follow): a coordinate is denormalised as ((v + 1) / 2) * (L - 1) with
// align_corners, else ((v + 1) * L - 1) / 2; nearest rounds half to even.
// Out of [0, L - 1] (align_corners) or [-0.5, L - 0.5] (otherwise), border
// padding clamps the coordinate to [0, L - 1] and reflection reflects it
// into that range; then each pixel read outside the image is 0 (zeros),
// clamped (border) or reflected (reflection). Bilinear weights the 2x2
// neighbours; bicubic the 4x4 with a = -0.75.
#pragma once

#include "graph/tensor.h"

namespace campaign::graph::reference {

// The codes are shared with kernels/grid_sample.cl.
enum class GridSampleMode { kLinear = 0, kNearest = 1, kCubic = 2 };
enum class GridSamplePadding { kZeros = 0, kBorder = 1, kReflection = 2 };

struct GridSampleParams {
  GridSampleMode mode = GridSampleMode::kLinear;
  GridSamplePadding padding = GridSamplePadding::kZeros;
  bool align_corners = false;
};

// REQUIRES: x 4-D, grid [N, Ho, Wo, 2], y [N, C, Ho, Wo], all float32.
void GridSample(const HostTensor& x, const HostTensor& grid, const GridSampleParams& p,
                HostTensor* y);

}  // namespace campaign::graph::reference
