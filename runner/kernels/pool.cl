// 2-D pooling. Modes match graph/reference/pool.h.

#define POOL_MAX 0
#define POOL_AVG 1

// dims: planes, H, W, OH, OW, KH, KW, SH, SW, PT, PL, PB, PR, DH, DW, mode,
// count_include_pad
__kernel void pool2d_f32(__global const float* x, __global float* y, __global const int* dims) {
  int i = get_global_id(0);
  int planes = dims[0], H = dims[1], W = dims[2], OH = dims[3], OW = dims[4], KH = dims[5],
      KW = dims[6], SH = dims[7], SW = dims[8], PT = dims[9], PL = dims[10], PB = dims[11],
      PR = dims[12], DH = dims[13], DW = dims[14], mode = dims[15], include_pad = dims[16];
  if (i >= planes * OH * OW) return;
  int ow = i % OW;
  int oh = (i / OW) % OH;
  int pl = i / (OW * OH);
  int h0 = oh * SH - PT, w0 = ow * SW - PL;
  __global const float* xp = x + pl * H * W;
  float acc = mode == POOL_MAX ? -INFINITY : 0.0f;
  int count = 0;
  for (int kh = 0; kh < KH; ++kh) {
    int ih = h0 + kh * DH;
    if (ih < 0 || ih >= H) continue;
    for (int kw = 0; kw < KW; ++kw) {
      int iw = w0 + kw * DW;
      if (iw < 0 || iw >= W) continue;
      float v = xp[ih * W + iw];
      acc = mode == POOL_MAX ? fmax(acc, v) : acc + v;
      ++count;
    }
  }
  if (mode == POOL_AVG) {
    if (include_pad) count = (min(h0 + KH, H + PB) - h0) * (min(w0 + KW, W + PR) - w0);
    acc = count > 0 ? acc / (float)count : 0.0f;
  }
  y[i] = acc;
}

// y[p] = mean of x[p*HW .. (p+1)*HW): one work-group per plane p. Each work
// item sums a strided slice (coalesced), then 32 work items each add up
// every 32nd partial sum and one adds those 32: two barriers, none inside a
// loop (CPU implementations such as PoCL pay heavily for a barrier in a
// loop). REQUIRES: scratch has one float per work item.
__kernel void global_avg_pool_f32(__global const float* x, __global float* y, int HW,
                                  __local float* scratch) {
  const int p = get_group_id(0);
  const int lid = get_local_id(0);
  const int lsize = get_local_size(0);
  __global const float* xp = x + (size_t)p * HW;
  float sum = 0.0f;
  for (int i = lid; i < HW; i += lsize) sum += xp[i];
  scratch[lid] = sum;
  barrier(CLK_LOCAL_MEM_FENCE);
  if (lid < 32) {
    float s = 0.0f;
    for (int i = lid; i < lsize; i += 32) s += scratch[i];
    scratch[lid] = s;
  }
  barrier(CLK_LOCAL_MEM_FENCE);
  if (lid == 0) {
    float s = 0.0f;
    for (int i = 0; i < min(32, lsize); ++i) s += scratch[i];
    y[p] = s / (float)HW;
  }
}
