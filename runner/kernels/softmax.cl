// Softmax, LogSoftmax and Hardmax (softmax_f32, any axis), and the last-axis
// softmax that Softmax and Attention share (softmax_rows_f32).

// One work item per (outer, inner) pair; reduces over `extent`.
__kernel void softmax_f32(__global const float* x, __global float* y, int outer, int extent,
                          int inner, int mode) {
  int i = get_global_id(0);
  if (i >= outer * inner) return;
  int o = i / inner, q = i % inner;
  int base = o * extent * inner + q;
  float mx = -INFINITY;
  int arg = 0;
  for (int d = 0; d < extent; ++d) {
    float v = x[base + d * inner];
    if (v > mx) {
      mx = v;
      arg = d;
    }
  }
  float sum = 0.0f;
  for (int d = 0; d < extent; ++d) sum += exp(x[base + d * inner] - mx);
  float lsum = log(sum);
  for (int d = 0; d < extent; ++d) {
    float v = x[base + d * inner] - mx;
    y[base + d * inner] = mode == 0 ? exp(v) / sum : mode == 1 ? v - lsum : (d == arg ? 1.0f : 0.0f);
  }
}

// Softmax over the last axis: one work group of 64 per row of `extent`
// elements; the row's max and sum are reduced in local memory. `scale`
// multiplies x first (attention's 1/sqrt(d) folded in; 1 otherwise).
__kernel void softmax_rows_f32(__global const float* x, __global float* y, int rows, int extent,
                               float scale) {
  __local float part[64];
  const int r = get_group_id(0), l = get_local_id(0);
  const int n = r < rows ? extent : 0;  // no early return before the barriers
  const long base = (long)r * extent;
  float mx = -INFINITY;
  for (int i = l; i < n; i += 64) mx = fmax(mx, x[base + i] * scale);
  part[l] = mx;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int w = 32; w > 0; w >>= 1) {
    if (l < w) part[l] = fmax(part[l], part[l + w]);
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  mx = part[0];
  barrier(CLK_LOCAL_MEM_FENCE);
  float s = 0.0f;
  for (int i = l; i < n; i += 64) {
    float e = exp(x[base + i] * scale - mx);
    y[base + i] = e;
    s += e;
  }
  part[l] = s;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int w = 32; w > 0; w >>= 1) {
    if (l < w) part[l] += part[l + w];
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  const float inv = 1.0f / part[0];
  for (int i = l; i < n; i += 64) y[base + i] *= inv;
}
