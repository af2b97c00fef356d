// RoiAlign (graph/reference/roi_align.h), one work item per output element
// of y [r, c, oh, ow]; the reference's float arithmetic step by step.
__kernel void roi_align_f32(__global const float* x, __global const float* rois,
                            __global const long* batch, __global float* y, int total, int n, int c,
                            int h, int w, int oh, int ow, int ratio, float scale, int half_pixel,
                            int max_mode) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int pw = i % ow;
  const int ph = (i / ow) % oh;
  const int ch = (i / (ow * oh)) % c;
  const int k = i / (ow * oh * c);
  const int b = clamp((int)batch[k], 0, n - 1);
  __global const float* roi = rois + k * 4;
  __global const float* plane = x + ((long)b * c + ch) * h * w;
  const float offset = half_pixel ? 0.5f : 0.0f;
  const float sw = roi[0] * scale - offset, sh = roi[1] * scale - offset;
  const float ew = roi[2] * scale - offset, eh = roi[3] * scale - offset;
  float rw = ew - sw, rh = eh - sh;
  if (!half_pixel) {
    rw = fmax(rw, 1.0f);
    rh = fmax(rh, 1.0f);
  }
  const float bh = rh / (float)oh, bw = rw / (float)ow;
  const int gh = ratio > 0 ? ratio : (int)ceil(rh / oh);
  const int gw = ratio > 0 ? ratio : (int)ceil(rw / ow);
  const float count = (float)max(gh * gw, 1);
  float acc = 0.0f;
  int first = 1;
  for (int iy = 0; iy < gh; ++iy) {
    const float yy0 = sh + (float)ph * bh + ((float)iy + 0.5f) * bh / (float)gh;
    for (int ix = 0; ix < gw; ++ix) {
      float yy = yy0;
      float xx = sw + (float)pw * bw + ((float)ix + 0.5f) * bw / (float)gw;
      float v[4] = {0.0f, 0.0f, 0.0f, 0.0f};
      if (!(yy < -1.0f || yy > (float)h || xx < -1.0f || xx > (float)w)) {
        if (yy <= 0) yy = 0;
        if (xx <= 0) xx = 0;
        int yl = (int)yy, xl = (int)xx, yh, xh;
        if (yl >= h - 1) {
          yh = yl = h - 1;
          yy = (float)yl;
        } else {
          yh = yl + 1;
        }
        if (xl >= w - 1) {
          xh = xl = w - 1;
          xx = (float)xl;
        } else {
          xh = xl + 1;
        }
        const float ly = yy - (float)yl, lx = xx - (float)xl;
        const float hy = 1.0f - ly, hx = 1.0f - lx;
        v[0] = hy * hx * plane[yl * w + xl];
        v[1] = hy * lx * plane[yl * w + xh];
        v[2] = ly * hx * plane[yh * w + xl];
        v[3] = ly * lx * plane[yh * w + xh];
      }
      if (max_mode) {
        const float m = fmax(fmax(fmax(v[0], v[1]), v[2]), v[3]);
        acc = first ? m : fmax(acc, m);
        first = 0;
      } else {
        acc += v[0] + v[1] + v[2] + v[3];
      }
    }
  }
  y[i] = max_mode ? acc : acc / count;
}
