// MaxUnpool (graph/reference/max_unpool.h), one kernel launched twice:
// mode 0 zeroes y (n = y's size), mode 1 scatters x (n = x's size) to the
// flattened indices (those outside the default shape are skipped). Duplicate
// indices from MaxPool carry the same value, so their order does not matter.
// Indices address [outer, h, w] planes of the default shape; y's planes
// are out_h x out_w (graph/reference/max_unpool.h: UnpoolPlanes).
__kernel void max_unpool_f32(__global const float* x, __global const long* indices,
                             __global float* y, int n, int in_size, int h, int w, int out_h,
                             int out_w, int mode) {
  int i = get_global_id(0);
  if (i >= n) return;
  if (mode == 0) {
    y[i] = 0.0f;
    return;
  }
  long at = indices[i];
  if (at < 0 || at >= in_size) return;
  long c = at % w, r = (at / w) % h, o = at / ((long)w * h);
  y[(o * out_h + r) * out_w + c] = x[i];
}
