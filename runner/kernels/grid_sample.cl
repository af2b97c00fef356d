// GridSample on 4-D input, one work item per output element; the float
// arithmetic of graph/reference/grid_sample.h step by step. Codes: mode 0
// linear, 1 nearest, 2 cubic; pad 0 zeros, 1 border, 2 reflection.

float grid_sample_reflect(float v, float lo, float hi) {
  const float range = hi - lo;
  if (range <= 0.0f) return lo;
  if (v < lo) {
    const float d = lo - v;
    const int n = (int)(d / range);
    const float r = d - (float)n * range;
    return n % 2 == 0 ? lo + r : hi - r;
  }
  if (v > hi) {
    const float d = v - hi;
    const int n = (int)(d / range);
    const float r = d - (float)n * range;
    return n % 2 == 0 ? hi - r : lo + r;
  }
  return v;
}

// b: the reflection borders (lo_x, hi_x, lo_y, hi_y).
float grid_sample_pixel(__global const float* p, int h, int w, int pad, const float4 b, int y,
                        int x) {
  if (pad == 0) {
    if (x < 0 || x >= w || y < 0 || y >= h) return 0.0f;
  } else if (pad == 1) {
    x = clamp(x, 0, w - 1);
    y = clamp(y, 0, h - 1);
  } else {
    x = clamp((int)grid_sample_reflect((float)x, b.s0, b.s1), 0, w - 1);
    y = clamp((int)grid_sample_reflect((float)y, b.s2, b.s3), 0, h - 1);
  }
  return p[y * w + x];
}

float4 grid_sample_cubic(float t) {
  const float a = -0.75f;
  t = fabs(t);
  return (float4)(((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
                  ((a + 2) * t - (a + 3)) * t * t + 1,
                  ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
                  ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a);
}

// x [n, c, h, w], grid [n, ho, wo, 2], y [n, c, ho, wo]; total = y's size.
__kernel void grid_sample_f32(__global const float* x, __global const float* grid,
                              __global float* y, int total, int c, int h, int w, int ho, int wo,
                              int mode, int pad, int align) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int s = i % (ho * wo);
  const int nc = i / (ho * wo);
  const int b = nc / c;
  __global const float* g = grid + ((long)b * ho * wo + s) * 2;
  __global const float* p = x + (long)nc * h * w;
  float fx = align ? (g[0] + 1) / 2 * (float)(w - 1) : ((g[0] + 1) * (float)w - 1) / 2;
  float fy = align ? (g[1] + 1) / 2 * (float)(h - 1) : ((g[1] + 1) * (float)h - 1) / 2;
  const float4 bd = align ? (float4)(0.0f, (float)(w - 1), 0.0f, (float)(h - 1))
                          : (float4)(-0.5f, (float)w - 0.5f, -0.5f, (float)h - 0.5f);
  if (mode == 1) {
    fx = rint(fx);
    fy = rint(fy);
  }
  if (fx < bd.s0 || fx > bd.s1 || fy < bd.s2 || fy > bd.s3) {
    if (pad == 1) {
      fx = clamp(fx, 0.0f, (float)(w - 1));
      fy = clamp(fy, 0.0f, (float)(h - 1));
    } else if (pad == 2) {
      fx = grid_sample_reflect(fx, bd.s0, bd.s1);
      fy = grid_sample_reflect(fy, bd.s2, bd.s3);
    }
  }
  float v = 0.0f;
  if (mode == 1) {
    v = grid_sample_pixel(p, h, w, pad, bd, (int)fy, (int)fx);
  } else if (mode == 0) {
    const int x1 = (int)floor(fx), y1 = (int)floor(fy);
    const float dx1 = fx - (float)x1, dx2 = (float)(x1 + 1) - fx;
    const float dy1 = fy - (float)y1, dy2 = (float)(y1 + 1) - fy;
    v = dy2 * (dx2 * grid_sample_pixel(p, h, w, pad, bd, y1, x1) +
               dx1 * grid_sample_pixel(p, h, w, pad, bd, y1, x1 + 1)) +
        dy1 * (dx2 * grid_sample_pixel(p, h, w, pad, bd, y1 + 1, x1) +
               dx1 * grid_sample_pixel(p, h, w, pad, bd, y1 + 1, x1 + 1));
  } else {
    const int x0 = (int)floor(fx) - 1, y0 = (int)floor(fy) - 1;
    const float4 cx = grid_sample_cubic(fx - (float)x0 - 1);
    const float4 cy = grid_sample_cubic(fy - (float)y0 - 1);
    const float cxa[4] = {cx.s0, cx.s1, cx.s2, cx.s3};
    const float cya[4] = {cy.s0, cy.s1, cy.s2, cy.s3};
    for (int r = 0; r < 4; ++r) {
      float row = 0.0f;
      for (int k = 0; k < 4; ++k)
        row += cxa[k] * grid_sample_pixel(p, h, w, pad, bd, y0 + r, x0 + k);
      v += cya[r] * row;
    }
  }
  y[i] = v;
}
