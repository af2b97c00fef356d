// Pass "lower_opset": models of opsets 18-21 and IR versions 9-10 -- what
// PyTorch 2.x's torch.export-based exporter writes by default -- rewritten
// into the opset-17 / IR-8 forms that the ONNX library the converter links
// (Debian's 1.12: opsets <= 17, IR <= 8) checks, infers shapes for and
// upgrades. Every rewrite keeps the operator's meaning exactly:
//
//   Reduce* (18, 20)         axes input -> axes attribute (constant axes only);
//                            noop_with_empty_axes without axes -> Identity
//   Split (18)               num_outputs -> the equal split of opset 13, or
//                            explicit sizes when the last chunk is smaller
//   Pad (18)                 axes input -> pads over every axis
//   Resize (18, 19)          axes -> full-rank scales/sizes/roi; antialias=0
//                            and keep_aspect_ratio_policy=stretch dropped
//   AveragePool (19),        dilations of 1 and ceil_mode=0 (LpPool)
//   LpPool (18)              dropped
//   Cast, CastLike (19)      saturate dropped (it only concerns float8)
//   QuantizeLinear,          saturate dropped; output_dtype -> a zero point
//   DequantizeLinear (19,21) of that type; block_size=0 dropped
//   Gelu (20)                the Erf (or Tanh) formula, which the simplify
//                            pass fuses back into one activation
//   Mish (18)                x * Tanh(Softplus(x))
//   GroupNormalization       Reshape [N, G, -1] -> InstanceNormalization ->
//   (18, 21)                 Reshape back -> per-channel scale and bias
//                            (per group before opset 21)
//   GridSample (20)          linear/cubic -> bilinear/bicubic (4-D only)
//
// Operators whose newer versions only added element types (Reshape, Shape,
// Cast, Constant, Flatten, Squeeze, ...) need no rewrite. It runs before the
// ONNX checker (which knows opsets <= 17); rewrites that need a tensor's
// shape (Split sizes, Pad and
// Resize axes, GroupNormalization's channels) see the job's input shapes
// (the pass infers shapes on a copy with `batch` and `overrides` applied).
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "common/input_overrides.h"
#include "common/status.h"

namespace campaign::converter {

// The newest default-domain opset and IR version the linked ONNX knows.
inline constexpr int64_t kOnnxLibraryOpset = 17;
inline constexpr int64_t kOnnxLibraryIrVersion = 8;
// The newest default-domain opset this pass lowers.
inline constexpr int64_t kNewestLoweredOpset = 21;

// Lowers `model` to opset kOnnxLibraryOpset and IR kOnnxLibraryIrVersion
// when it is newer; returns what it did, for the log.
// Errors: kInvalidModel for an opset newer than kNewestLoweredOpset;
// kUnsupportedOp naming the node for a form with no opset-17 equivalent
// (antialiased Resize, a run-time axes input, an operator new in opset 18+
// such as DeformConv); kUnsupportedPrecision for float8/int4 tensors.
Result<std::string> LowerOpset(onnx::ModelProto& model, int batch, const InputOverrides& overrides);

}  // namespace campaign::converter
