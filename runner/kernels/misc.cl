// Softmax and the Gemm bias broadcast.

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

// y[i, j] = beta * c[i * sm + j * sn] for y [M, N] (sm/sn are 0 on broadcast
// dims).
__kernel void gemm_bias_f32(__global float* y, __global const float* c, int M, int N, int sm,
                            int sn, float beta) {
  int k = get_global_id(0);
  if (k >= M * N) return;
  int i = k / N, j = k % N;
  y[k] = beta * c[i * sm + j * sn];
}
