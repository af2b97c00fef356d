#include "graph/reference/grid_sample.h"

#include <algorithm>
#include <cmath>

namespace campaign::graph::reference {
namespace {

float Denormalize(float v, int64_t len, bool align) {
  const float l = static_cast<float>(len);
  return align ? (v + 1) / 2 * (l - 1) : ((v + 1) * l - 1) / 2;
}

// Reflects `v` into [lo, hi] (onnxruntime's GsReflect).
float Reflect(float v, float lo, float hi) {
  const float range = hi - lo;
  if (range <= 0) return lo;
  if (v < lo) {
    const float d = lo - v;
    const int n = static_cast<int>(d / range);
    const float r = d - static_cast<float>(n) * range;
    return n % 2 == 0 ? lo + r : hi - r;
  }
  if (v > hi) {
    const float d = v - hi;
    const int n = static_cast<int>(d / range);
    const float r = d - static_cast<float>(n) * range;
    return n % 2 == 0 ? hi - r : lo + r;
  }
  return v;
}

struct Plane {
  const float* data;
  int64_t h, w;
  GridSamplePadding pad;
  float lo_x, hi_x, lo_y, hi_y;  // the reflection borders
};

float Pixel(const Plane& p, int64_t y, int64_t x) {
  if (p.pad == GridSamplePadding::kZeros) {
    if (x < 0 || x >= p.w || y < 0 || y >= p.h) return 0.0f;
  } else if (p.pad == GridSamplePadding::kBorder) {
    x = std::clamp<int64_t>(x, 0, p.w - 1);
    y = std::clamp<int64_t>(y, 0, p.h - 1);
  } else {
    x = static_cast<int64_t>(Reflect(static_cast<float>(x), p.lo_x, p.hi_x));
    y = static_cast<int64_t>(Reflect(static_cast<float>(y), p.lo_y, p.hi_y));
    x = std::clamp<int64_t>(x, 0, p.w - 1);  // a one-pixel axis has no range
    y = std::clamp<int64_t>(y, 0, p.h - 1);
  }
  return p.data[y * p.w + x];
}

void CubicCoeffs(float t, float c[4]) {
  const float a = -0.75f;
  t = std::fabs(t);
  c[0] = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
  c[1] = ((a + 2) * t - (a + 3)) * t * t + 1;
  c[2] = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
  c[3] = ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a;
}

}  // namespace

void GridSample(const HostTensor& x, const HostTensor& grid, const GridSampleParams& p,
                HostTensor* y) {
  const Shape& xs = x.shape();
  const int64_t n = xs[0], c = xs[1], h = xs[2], w = xs[3];
  const int64_t ho = grid.shape()[1], wo = grid.shape()[2];
  auto px = x.values<float>();
  auto pg = grid.values<float>();
  auto py = y->values<float>();
  const float lo_x = p.align_corners ? 0.0f : -0.5f;
  const float hi_x = p.align_corners ? static_cast<float>(w - 1) : static_cast<float>(w) - 0.5f;
  const float lo_y = p.align_corners ? 0.0f : -0.5f;
  const float hi_y = p.align_corners ? static_cast<float>(h - 1) : static_cast<float>(h) - 0.5f;
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      Plane pl{px.data() + (b * c + ch) * h * w, h, w, p.padding, lo_x, hi_x, lo_y, hi_y};
      for (int64_t i = 0; i < ho * wo; ++i) {
        const float* g = pg.data() + (b * ho * wo + i) * 2;
        float fx = Denormalize(g[0], w, p.align_corners);
        float fy = Denormalize(g[1], h, p.align_corners);
        if (p.mode == GridSampleMode::kNearest) {
          fx = std::nearbyint(fx);
          fy = std::nearbyint(fy);
        }
        if (fx < lo_x || fx > hi_x || fy < lo_y || fy > hi_y) {
          if (p.padding == GridSamplePadding::kBorder) {
            fx = std::clamp(fx, 0.0f, static_cast<float>(w - 1));
            fy = std::clamp(fy, 0.0f, static_cast<float>(h - 1));
          } else if (p.padding == GridSamplePadding::kReflection) {
            fx = Reflect(fx, lo_x, hi_x);
            fy = Reflect(fy, lo_y, hi_y);
          }
        }
        float v = 0.0f;
        if (p.mode == GridSampleMode::kNearest) {
          v = Pixel(pl, static_cast<int64_t>(fy), static_cast<int64_t>(fx));
        } else if (p.mode == GridSampleMode::kLinear) {
          const int64_t x1 = static_cast<int64_t>(std::floor(fx));
          const int64_t y1 = static_cast<int64_t>(std::floor(fy));
          const float dx1 = fx - static_cast<float>(x1), dx2 = static_cast<float>(x1 + 1) - fx;
          const float dy1 = fy - static_cast<float>(y1), dy2 = static_cast<float>(y1 + 1) - fy;
          v = dy2 * (dx2 * Pixel(pl, y1, x1) + dx1 * Pixel(pl, y1, x1 + 1)) +
              dy1 * (dx2 * Pixel(pl, y1 + 1, x1) + dx1 * Pixel(pl, y1 + 1, x1 + 1));
        } else {
          const int64_t x0 = static_cast<int64_t>(std::floor(fx)) - 1;
          const int64_t y0 = static_cast<int64_t>(std::floor(fy)) - 1;
          float cx[4], cy[4];
          CubicCoeffs(fx - static_cast<float>(x0) - 1, cx);
          CubicCoeffs(fy - static_cast<float>(y0) - 1, cy);
          for (int r = 0; r < 4; ++r) {
            float row = 0.0f;
            for (int k = 0; k < 4; ++k) row += cx[k] * Pixel(pl, y0 + r, x0 + k);
            v += cy[r] * row;
          }
        }
        py[(b * c + ch) * ho * wo + i] = v;
      }
    }
  }
}

}  // namespace campaign::graph::reference
