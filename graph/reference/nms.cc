#include "graph/reference/nms.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace campaign::graph::reference {

namespace {

struct Corners {
  float x_min, y_min, x_max, y_max;
};

Corners ToCorners(const float* b, bool center_point_box) {
  if (center_point_box) {
    float hw = b[2] / 2, hh = b[3] / 2;
    return {b[0] - hw, b[1] - hh, b[0] + hw, b[1] + hh};
  }
  return {std::min(b[1], b[3]), std::min(b[0], b[2]), std::max(b[1], b[3]), std::max(b[0], b[2])};
}

}  // namespace

bool NmsSuppresses(const float* a, const float* b, bool center_point_box, float iou_threshold) {
  Corners p = ToCorners(a, center_point_box), q = ToCorners(b, center_point_box);
  float ix_min = std::max(p.x_min, q.x_min), ix_max = std::min(p.x_max, q.x_max);
  if (ix_max <= ix_min) return false;
  float iy_min = std::max(p.y_min, q.y_min), iy_max = std::min(p.y_max, q.y_max);
  if (iy_max <= iy_min) return false;
  float inter = (ix_max - ix_min) * (iy_max - iy_min);
  float area_p = (p.x_max - p.x_min) * (p.y_max - p.y_min);
  float area_q = (q.x_max - q.x_min) * (q.y_max - q.y_min);
  float uni = area_p + area_q - inter;
  if (area_p <= 0 || area_q <= 0 || uni <= 0) return false;
  return inter / uni > iou_threshold;
}

Status NonMaxSuppression(const HostTensor& boxes, const HostTensor& scores, const NmsParams& p,
                         HostTensor* selected) {
  const int64_t batches = scores.shape()[0], classes = scores.shape()[1], n = scores.shape()[2];
  auto bv = boxes.values<float>();
  auto sv = scores.values<float>();
  std::vector<int64_t> rows;
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t c = 0; c < classes; ++c) {
      const float* s = sv.data() + (b * classes + c) * n;
      std::vector<int64_t> order;
      for (int64_t i = 0; i < n; ++i) {
        if (!p.score_threshold || s[i] > *p.score_threshold) order.push_back(i);
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t x, int64_t y) { return s[x] > s[y]; });
      std::vector<int64_t> kept;
      for (int64_t i : order) {
        if (static_cast<int64_t>(kept.size()) >= p.max_per_class) break;
        bool keep = true;
        for (int64_t k : kept) {
          if (NmsSuppresses(bv.data() + (b * n + i) * 4, bv.data() + (b * n + k) * 4,
                            p.center_point_box, p.iou_threshold)) {
            keep = false;
            break;
          }
        }
        if (keep) kept.push_back(i);
      }
      for (int64_t k : kept) rows.insert(rows.end(), {b, c, k});
    }
  }
  *selected = HostTensor(DType::kInt64, {static_cast<int64_t>(rows.size() / 3), 3});
  std::copy(rows.begin(), rows.end(), selected->values<int64_t>().begin());
  return Status::Ok();
}

}  // namespace campaign::graph::reference
