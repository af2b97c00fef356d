#include "graph/reference/roi_align.h"

#include <algorithm>
#include <cmath>

namespace campaign::graph::reference {
namespace {

// onnxruntime's bilinear sample at (y, x): four positions and weights, all
// zero outside [-1, H] x [-1, W].
struct Sample {
  int64_t pos[4] = {0, 0, 0, 0};
  float w[4] = {0, 0, 0, 0};
};

Sample MakeSample(float y, float x, int64_t h, int64_t w) {
  Sample s;
  if (y < -1.0f || y > static_cast<float>(h) || x < -1.0f || x > static_cast<float>(w)) return s;
  if (y <= 0) y = 0;
  if (x <= 0) x = 0;
  int64_t y_low = static_cast<int64_t>(y), x_low = static_cast<int64_t>(x), y_high, x_high;
  if (y_low >= h - 1) {
    y_high = y_low = h - 1;
    y = static_cast<float>(y_low);
  } else {
    y_high = y_low + 1;
  }
  if (x_low >= w - 1) {
    x_high = x_low = w - 1;
    x = static_cast<float>(x_low);
  } else {
    x_high = x_low + 1;
  }
  const float ly = y - static_cast<float>(y_low), lx = x - static_cast<float>(x_low);
  const float hy = 1.0f - ly, hx = 1.0f - lx;
  s.pos[0] = y_low * w + x_low;
  s.pos[1] = y_low * w + x_high;
  s.pos[2] = y_high * w + x_low;
  s.pos[3] = y_high * w + x_high;
  s.w[0] = hy * hx;
  s.w[1] = hy * lx;
  s.w[2] = ly * hx;
  s.w[3] = ly * lx;
  return s;
}

}  // namespace

void RoiAlign(const HostTensor& x, const HostTensor& rois, const HostTensor& batch,
              const RoiAlignParams& p, HostTensor* y) {
  const int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], w = x.shape()[3];
  const int64_t r = rois.shape()[0];
  auto px = x.values<float>();
  auto pr = rois.values<float>();
  auto pb = batch.values<int64_t>();
  auto py = y->values<float>();
  const float offset = p.half_pixel ? 0.5f : 0.0f;
  for (int64_t k = 0; k < r; ++k) {
    const int64_t b = std::clamp<int64_t>(pb[k], 0, n - 1);
    const float* roi = pr.data() + k * 4;
    const float sw = roi[0] * p.spatial_scale - offset, sh = roi[1] * p.spatial_scale - offset;
    const float ew = roi[2] * p.spatial_scale - offset, eh = roi[3] * p.spatial_scale - offset;
    float rw = ew - sw, rh = eh - sh;
    if (!p.half_pixel) {
      rw = std::max(rw, 1.0f);
      rh = std::max(rh, 1.0f);
    }
    const float bh = rh / static_cast<float>(p.out_h), bw = rw / static_cast<float>(p.out_w);
    const int64_t gh =
        p.sampling_ratio > 0 ? p.sampling_ratio : static_cast<int64_t>(std::ceil(rh / p.out_h));
    const int64_t gw =
        p.sampling_ratio > 0 ? p.sampling_ratio : static_cast<int64_t>(std::ceil(rw / p.out_w));
    const float count = static_cast<float>(std::max<int64_t>(gh * gw, 1));
    for (int64_t ch = 0; ch < c; ++ch) {
      const float* plane = px.data() + (b * c + ch) * h * w;
      for (int64_t ph = 0; ph < p.out_h; ++ph) {
        for (int64_t pw = 0; pw < p.out_w; ++pw) {
          float acc = 0.0f;
          bool first = true;
          for (int64_t iy = 0; iy < gh; ++iy) {
            const float yy = sh + static_cast<float>(ph) * bh +
                             (static_cast<float>(iy) + 0.5f) * bh / static_cast<float>(gh);
            for (int64_t ix = 0; ix < gw; ++ix) {
              const float xx = sw + static_cast<float>(pw) * bw +
                               (static_cast<float>(ix) + 0.5f) * bw / static_cast<float>(gw);
              Sample s = MakeSample(yy, xx, h, w);
              if (p.max_mode) {
                float m = s.w[0] * plane[s.pos[0]];
                for (int q = 1; q < 4; ++q) m = std::max(m, s.w[q] * plane[s.pos[q]]);
                acc = first ? m : std::max(acc, m);
                first = false;
              } else {
                for (int q = 0; q < 4; ++q) acc += s.w[q] * plane[s.pos[q]];
              }
            }
          }
          py[((k * c + ch) * p.out_h + ph) * p.out_w + pw] = p.max_mode ? acc : acc / count;
        }
      }
    }
  }
}

}  // namespace campaign::graph::reference
