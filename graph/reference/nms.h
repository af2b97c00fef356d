// Reference NonMaxSuppression. Op class: graph/ops/nms.h; device class:
// runner/ops/nms.cc; kernels: runner/kernels/nms.cl.
#pragma once

#include <cstdint>
#include <optional>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

struct NmsParams {
  bool center_point_box =
      false;  // boxes as [x_center, y_center, w, h], else two corners [y1, x1, y2, x2]
  int64_t max_per_class = 0;             // 0 (or less): nothing selected
  float iou_threshold = 0;               // a box is dropped when its IoU with a kept one is above
  std::optional<float> score_threshold;  // boxes scoring not above it are never candidates
};

// Whether boxes `a` and `b` (4 floats each) overlap by more than
// `iou_threshold`, as ONNX's and onnxruntime's implementations compute it
// (the device kernel computes the same steps).
bool NmsSuppresses(const float* a, const float* b, bool center_point_box, float iou_threshold);

// *selected = [count, 3] int64 rows (batch, class, box) in ONNX's order:
// per batch, per class, boxes by descending score (ties: lower index first),
// each kept unless a box kept before it suppresses it, at most max_per_class.
// boxes [B, N, 4] and scores [B, C, N] float32.
Status NonMaxSuppression(const HostTensor& boxes, const HostTensor& scores, const NmsParams& p,
                         HostTensor* selected);

}  // namespace campaign::graph::reference
