// Normalization over sets of elements: InstanceNormalization,
// GroupNormalization and MeanVarianceNormalization
// (graph/reference/group_norm.h).

// The sum of every work item's `v` across the work group of 64 (all items
// must call it).
float group_norm_sum64(__local float* part, float v) {
  const int l = get_local_id(0);
  barrier(CLK_LOCAL_MEM_FENCE);
  part[l] = v;
  barrier(CLK_LOCAL_MEM_FENCE);
  for (int w = 32; w > 0; w >>= 1) {
    if (l < w) part[l] += part[l + w];
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  return part[0];
}

// Offset of combination `i` of `rank` dims (row-major) with their strides.
int group_norm_offset(int i, int rank, __global const int* dims, __global const int* strides) {
  int at = 0;
  for (int d = rank - 1; d >= 0; --d) {
    at += (i % dims[d]) * strides[d];
    i /= dims[d];
  }
  return at;
}

// One work group of 64 per set. meta: kept dims, kept strides, reduced
// dims, reduced strides (kept_rank, kept_rank, red_rank, red_rank ints). n:
// elements per set. Two passes for the statistics (mean, then the squared
// deviations), one to write. affine: scale/bias index (offset / param_div)
// % param_mod. eps_outside: 1 / (sqrt(var) + eps) instead of
// 1 / sqrt(var + eps).
__kernel void group_norm_f32(__global const float* x, __global float* y,
                             __global const float* scale, __global const float* bias, int groups,
                             int kept_rank, int red_rank, __global const int* meta, int n,
                             int param_div, int param_mod, int affine, float eps,
                             int eps_outside) {
  __local float part[64];
  const int g = get_group_id(0), l = get_local_id(0);
  const int cnt = g < groups ? n : 0;  // no early return before the barriers
  const int base =
      g < groups ? group_norm_offset(g, kept_rank, meta, meta + kept_rank) : 0;
  __global const int* rd = meta + 2 * kept_rank;
  __global const int* rs = rd + red_rank;
  float s = 0.0f;
  for (int j = l; j < cnt; j += 64) s += x[base + group_norm_offset(j, red_rank, rd, rs)];
  const float mean = group_norm_sum64(part, s) / n;
  float ss = 0.0f;
  for (int j = l; j < cnt; j += 64) {
    const float d = x[base + group_norm_offset(j, red_rank, rd, rs)] - mean;
    ss += d * d;
  }
  const float var = group_norm_sum64(part, ss) / n;
  const float inv = eps_outside ? 1.0f / (sqrt(var) + eps) : rsqrt(var + eps);
  for (int j = l; j < cnt; j += 64) {
    const int o = base + group_norm_offset(j, red_rank, rd, rs);
    float v = (x[o] - mean) * inv;
    if (affine) {
      const int p = (o / param_div) % param_mod;
      v = v * scale[p] + bias[p];
    }
    y[o] = v;
  }
}
