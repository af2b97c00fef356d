// Reference Pad (any 4- or 8-byte element: float32, int32, int64): constant, reflect, edge and wrap
// modes, negative pads (cropping) included. Op class: graph/ops/pad.h; kernel:
// runner/kernels/pad.cl.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The codes are shared with kernels/pad.cl.
enum class PadMode { kConstant = 0, kReflect = 1, kEdge = 2, kWrap = 3 };

// One axis of a pad. Negative pads crop first (onnxruntime's rule): the
// source is x[lo, lo + len) along the axis, and the non-constant modes
// reflect, clamp or wrap within that cropped range, not the full axis.
struct PadAxis {
  int64_t lo = 0;     // first source index kept: max(0, -pad_begin)
  int64_t len = 0;    // source extent kept after cropping (>= 0)
  int64_t front = 0;  // elements added in front: max(0, pad_begin)
  int64_t out = 0;    // output extent: len + max(0, pad_begin) + max(0, pad_end)
};

struct PadParams {
  PadMode mode = PadMode::kConstant;
  std::vector<PadAxis> axes;  // one per dim of x
  size_t element_size = 4;    // bytes per element: 4 or 8
  uint64_t fill = 0;          // kConstant: the fill value's bytes (the low 4 when 4-byte)
};

// Builds `p->axes` for x's shape from ONNX `pads` ([begin..., end...], one
// pair per entry of `axes`, which are normalised axis indices). Returns the
// output shape; kInvalidModel when a pad crops more than the axis holds or
// a non-constant mode has nothing to reflect, clamp or wrap.
Result<Shape> PadOutputShape(const Shape& x, const std::vector<int64_t>& pads,
                             const std::vector<int64_t>& axes, PadParams* p);

// Source index within [0, a.len) for output index `o` along axis `a`, or -1
// for the constant fill. REQUIRES: a.len > 0 unless mode is kConstant.
int64_t PadSourceIndex(int64_t o, const PadAxis& a, PadMode mode);

// The fill bits of a float32 value.
uint64_t FloatFill(float value);

// REQUIRES: y shaped by PadOutputShape with the same params; x and y hold
// p.element_size-byte elements.
void Pad(const HostTensor& x, const PadParams& p, HostTensor* y);

}  // namespace campaign::graph::reference
