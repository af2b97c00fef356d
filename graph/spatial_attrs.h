// Shared parsing of the window attributes of Conv, ConvTranspose and the
// pooling ops: kernel_shape, strides, pads, dilations and auto_pad.
#pragma once

#include <onnx/onnx_pb.h>

#include <array>
#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/reference/window3d.h"
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

// The same for 1 to 3 spatial dimensions, x [N, C, s...] of rank 3 to 5,
// normalized as reference/window3d.h describes. `kernel`: the kernel extents
// when they come from elsewhere (rank - 2 of them), else empty (kernel_shape
// is then required). `resolve_auto_pad`: SAME_UPPER / SAME_LOWER / VALID are
// turned into explicit pads (Conv and pooling; ConvTranspose resolves them
// itself and passes false). kUnsupportedOp for other ranks, kInvalidModel
// for bad values.
Result<reference::Window3d> ParseWindow3d(const onnx::NodeProto& node, const Shape& x,
                                          const std::vector<int64_t>& kernel,
                                          bool resolve_auto_pad = true);

}  // namespace campaign::graph
