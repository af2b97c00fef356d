// Resize as a weighted gather over per-dim tap tables (see
// graph/reference/resize.h). meta: out dims[r], x strides[r], table
// offsets[r]. An index of -1 marks an extrapolated coordinate.
__kernel void resize_f32(__global const float* x, __global float* y, int n, int rank, int taps,
                         __global const int* meta, __global const int* tidx,
                         __global const float* tw, float extrapolation) {
  int i = get_global_id(0);
  if (i >= n) return;
  int o[8], k[8];
  int rem = i;
  for (int d = rank - 1; d >= 0; --d) {
    o[d] = rem % meta[d];
    rem /= meta[d];
    k[d] = 0;
    if (tidx[meta[2 * rank + d] + o[d] * taps] < 0) {
      y[i] = extrapolation;
      return;
    }
  }
  float acc = 0.0f;
  while (true) {
    float w = 1.0f;
    int src = 0;
    for (int d = 0; d < rank; ++d) {
      int at = meta[2 * rank + d] + o[d] * taps + k[d];
      w *= tw[at];
      src += tidx[at] * meta[rank + d];
    }
    if (w != 0.0f) acc += w * x[src];
    int d = rank - 1;
    while (d >= 0 && ++k[d] == taps) {
      k[d] = 0;
      --d;
    }
    if (d < 0) break;
  }
  y[i] = acc;
}
