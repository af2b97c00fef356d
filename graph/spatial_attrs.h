// Shared parsing of the 2-D window attributes of Conv and the pooling ops:
// kernel_shape, strides, pads, dilations and auto_pad.
#pragma once

#include <onnx/onnx_pb.h>

#include <array>
#include <cstdint>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph {

struct Window2d {
  int64_t kernel_h = 1, kernel_w = 1;
  int64_t stride_h = 1, stride_w = 1;
  int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  int64_t dilation_h = 1, dilation_w = 1;
};

// Reads the attributes of `node` for input x [N, C, H, W]. `kernel` is the
// kernel extent when it comes from elsewhere (Conv weight), else {0, 0}.
// auto_pad SAME_UPPER / SAME_LOWER / VALID are resolved to explicit pads.
// kUnsupportedOp for non-2-D windows, kInvalidModel for bad values.
Result<Window2d> ParseWindow2d(const onnx::NodeProto& node, const Shape& x,
                               std::array<int64_t, 2> kernel);

}  // namespace campaign::graph
