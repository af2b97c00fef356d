// Reference Resize (every opset; Upsample): nearest (every nearest_mode) /
// linear / cubic on any dims, every coordinate transformation mode
// (half_pixel, half_pixel_symmetric, pytorch_half_pixel, align_corners,
// asymmetric, tf_half_pixel_for_nn, tf_crop_and_resize). Both backends use the same per-dim tap
// tables (ResizeTables), so the kernel is a plain weighted gather.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// nearest_mode of Resize-10 and Upsample, which name none: floor when
// upsampling an axis, ceil when downsampling it (onnxruntime's rule).
inline constexpr const char* kLegacyNearest = "legacy";

struct ResizeParams {
  std::string mode = "nearest";
  std::string coordinate_mode = "half_pixel";
  std::string nearest_mode = "round_prefer_floor";
  float cubic_a = -0.75f;
  bool exclude_outside = false;
  float extrapolation = 0.0f;
};

// For each dim d and output index o: `taps` source indices and weights at
// [offset[d] + o * taps + t]; index -1 marks an extrapolated coordinate
// (tf_crop_and_resize).
struct ResizeTables {
  int taps = 1;
  std::vector<int64_t> offset;
  std::vector<int32_t> index;
  std::vector<float> weight;
};

// `scales` per dim (output = floor(in * scale)) or `sizes` (one of them
// non-empty); `roi` (2 * rank: starts then ends) only for
// tf_crop_and_resize. MakeResizeTables takes the scale of each dim that the
// coordinate formulas use (empty: out / in) and the output shape; the
// resized length in the formulas is in * scale, unrounded, as ONNX's.
// kUnsupportedOp for unknown modes.
Result<Shape> ResizeShape(const Shape& in, const std::vector<float>& scales,
                          const std::vector<int64_t>& sizes);
Result<ResizeTables> MakeResizeTables(const Shape& in, const Shape& out,
                                      const std::vector<float>& scales,
                                      const std::vector<float>& roi, const ResizeParams& p);

void Resize(const HostTensor& x, const ResizeTables& t, float extrapolation, HostTensor* y);

}  // namespace campaign::graph::reference
