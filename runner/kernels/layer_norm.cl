// LayerNormalization (graph/reference/layer_norm.h).

// One work group of 64 per row of `inner` elements, one pass over the row
// for the statistics: each work item sums (x - k) and (x - k)^2 with k the
// row's first element (a shift that keeps E[d^2] - E[d]^2 accurate when the
// mean is large against the spread), one local-memory reduction of both,
// then normalise + scale + bias. With has_stats, also writes the row's mean
// and 1/stddev.
__kernel void layer_norm_f32(__global const float* x, __global const float* g,
                             __global const float* b, __global float* y, int rows, int inner,
                             float eps, int has_bias, int has_stats, __global float* mean_out,
                             __global float* inv_out) {
  __local float part[128];
  const int r = get_group_id(0), l = get_local_id(0);
  const int n = r < rows ? inner : 0;  // no early return before the barriers
  __global const float* row = x + (long)r * inner;
  const float k = n > 0 ? row[0] : 0.0f;
  float s = 0.0f, ss = 0.0f;
  for (int i = l; i < n; i += 64) {
    const float d = row[i] - k;
    s += d;
    ss += d * d;
  }
  part[l] = s;
  part[64 + l] = ss;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int w = 32; w > 0; w >>= 1) {
    if (l < w) {
      part[l] += part[l + w];
      part[64 + l] += part[64 + l + w];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  const float md = part[0] / inner;
  const float mean = k + md;
  const float inv = rsqrt(fmax(part[64] / inner - md * md, 0.0f) + eps);
  for (int i = l; i < n; i += 64) {
    y[(long)r * inner + i] = (row[i] - mean) * inv * g[i] + (has_bias ? b[i] : 0.0f);
  }
  if (has_stats && l == 0 && n > 0) {
    mean_out[r] = mean;
    inv_out[r] = inv;
  }
}
