// How the runner computes one convolution on the device: the path (kernel
// choice) and, for the depthwise kernel, its tile. Pure functions of the
// shapes, so the choice is testable without a device and documented in one
// place (docs/operators.md, "Convolution paths").
#pragma once

#include <cstddef>
#include <cstdint>

#include "graph/reference/conv.h"
#include "graph/tensor.h"

namespace campaign::runner::ops {

enum class ConvPath {
  kPointwise,  // 1x1, stride 1, no pad, group 1: one batched GEMM on the input itself
  kIm2col,     // group 1: im2col + batched GEMM
  kImplicit,   // group 1, not pointwise: conv_implicit_gemm_f32, epilogue fused
  kDepthwise,  // group == C == M: dwconv2d_f32, local-memory tiles, epilogue fused
  kDirect,     // other grouped convolutions: conv2d_direct_f32, one work item per output
  kDirect3d,   // 3-D convolutions (any group): convnd_direct_f32, one work item per output
};

// The output tile of one dwconv2d_f32 work-group and the input patch it reads.
struct DepthwiseTile {
  int th = 0, tw = 0;    // output rows and columns per work-group (th * tw work items)
  int pth = 0, ptw = 0;  // input patch rows and columns kept in local memory
  int tiles_w = 0;       // tiles per output row
  int tiles = 0;         // tiles per output plane
  size_t local_bytes() const { return sizeof(float) * static_cast<size_t>(pth) * ptw; }
};

// Largest input patch the depthwise kernel keeps in local memory; above it
// (huge kernels, strides or dilations) the direct kernel is used. 16 KiB fits
// every OpenCL device's minimum of 32 KiB and leaves room for occupancy.
inline constexpr size_t kMaxDepthwisePatchBytes = size_t{16} << 10;

// The tile for output planes of oh x ow: tw the smallest of 8, 16, 32 that
// covers ow (32 when none does), th = max_items / tw rounded down to a power
// of two and at most the power of two covering oh. REQUIRES: max_items >= 8.
DepthwiseTile ChooseDepthwiseTile(const graph::reference::Conv2dParams& p, int64_t oh, int64_t ow,
                                  size_t max_items);

// Which group-1 convolutions use the implicit-GEMM kernel: kAuto those with
// enough output tiles to fill the device (kImplicitGemmMinTiles), the
// others stay CLBlast (a GEMM on the input for pointwise convolutions,
// im2col + GEMM otherwise); kNever none; kAlways all, pointwise included. Set by
// the environment variable CAMPAIGN_CONV_IMPLICIT = auto / 0 / 1, for A/B
// measurements on a device.
enum class ImplicitGemmPolicy { kAuto, kNever, kAlways };

// The policy from CAMPAIGN_CONV_IMPLICIT (kAuto when unset or unrecognised).
ImplicitGemmPolicy ImplicitGemmPolicyFromEnv();

// kAuto takes the implicit GEMM when the convolution has at least this many
// 64x64 output tiles, ceil(M / 64) * ceil(N * OH * OW / 64): about one wave
// on the H100's 132 SMs. Below it the kernel leaves SMs idle and CLBlast's
// smaller tiles win; above it the implicit GEMM wins, pointwise included
// (no im2col, no pad/transpose kernels, epilogue fused). Measured per layer
// on the H100 with CAMPAIGN_CONV_IMPLICIT=0 / 1 (resnet50, mobilenet_v2,
// efficientnet_b0 at b1/8/32; docs/results/cnn-kernels.md).
inline constexpr int64_t kImplicitGemmMinTiles = 128;

// The number of 64x64 output tiles of the implicit GEMM for weight w and
// output y (the quantity kImplicitGemmMinTiles bounds).
int64_t ImplicitGemmTiles(const graph::Shape& w, const graph::Shape& y);

// The path for x [N, C, H, W], weight [M, C/group, KH, KW], output y (a
// 1-D convolution as H = 1). 3-D convolutions (rank 5) take kDirect3d
// without this function.
ConvPath ChooseConvPath(const graph::Shape& x, const graph::Shape& w, const graph::Shape& y,
                        const graph::reference::Conv2dParams& p,
                        ImplicitGemmPolicy implicit = ImplicitGemmPolicy::kAuto);

}  // namespace campaign::runner::ops
