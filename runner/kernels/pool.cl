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

// Pooling over three spatial dims (1-D and 2-D as 3-D with leading extents
// of 1; the global forms as one flattened dim): one work item per output of
// y [planes, OD, OH, OW]. Modes match graph/reference/pool.h (PoolNd): max
// (with the flat index of the first maximum into idx when has_idx), average,
// Lp with exponent p. dims: planes, D, H, W, OD, OH, OW, KD, KH, KW, SD, SH,
// SW, PD, PH, PW (pads at the start), ED, EH, EW (pads at the end), DD, DH,
// DW, mode, count_include_pad, column_major (indices' spatial order).
#define POOL_LP 2
__kernel void poolnd_f32(__global const float* x, __global float* y, __global long* idx,
                         int has_idx, __global const int* dims, float p) {
  const int i = get_global_id(0);
  const int planes = dims[0], D = dims[1], H = dims[2], W = dims[3], OD = dims[4], OH = dims[5],
            OW = dims[6], KD = dims[7], KH = dims[8], KW = dims[9], SD = dims[10],
            SH = dims[11], SW = dims[12], PD = dims[13], PH = dims[14], PW = dims[15],
            ED = dims[16], EH = dims[17], EW = dims[18], DD = dims[19], DH = dims[20],
            DW = dims[21], mode = dims[22], include_pad = dims[23], col_major = dims[24];
  if (i >= planes * OD * OH * OW) return;
  const int ow = i % OW;
  const int oh = (i / OW) % OH;
  const int od = (i / (OW * OH)) % OD;
  const int pl = i / (OW * OH * OD);
  const int d0 = od * SD - PD, h0 = oh * SH - PH, w0 = ow * SW - PW;
  __global const float* xp = x + (size_t)pl * D * H * W;
  float acc = mode == POOL_MAX ? -INFINITY : 0.0f;
  int count = 0, best = -1;
  for (int kd = 0; kd < KD; ++kd) {
    const int id = d0 + kd * DD;
    if (id < 0 || id >= D) continue;
    for (int kh = 0; kh < KH; ++kh) {
      const int ih = h0 + kh * DH;
      if (ih < 0 || ih >= H) continue;
      for (int kw = 0; kw < KW; ++kw) {
        const int iw = w0 + kw * DW;
        if (iw < 0 || iw >= W) continue;
        const float v = xp[(id * H + ih) * W + iw];
        ++count;
        if (mode == POOL_MAX) {
          if (v > acc || best < 0) {
            acc = fmax(acc, v);
            best = col_major ? id + D * (ih + H * iw) : (id * H + ih) * W + iw;
          }
        } else if (mode == POOL_AVG) {
          acc += v;
        } else {
          acc += p == 2.0f ? v * v : pow(fabs(v), p);
        }
      }
    }
  }
  if (mode == POOL_AVG) {
    if (include_pad) {
      count = (min(d0 + KD, D + ED) - d0) * (min(h0 + KH, H + EH) - h0) *
              (min(w0 + KW, W + EW) - w0);
    }
    acc = count > 0 ? acc / (float)count : 0.0f;
  } else if (mode == POOL_LP) {
    acc = p == 2.0f ? sqrt(acc) : pow(acc, 1.0f / p);
  }
  y[i] = acc;
  if (has_idx) idx[i] = (long)pl * (D * H * W) + max(best, 0);
}

// MaxPool on int8 (is_signed) or uint8 x: poolnd_f32's max mode (same dims,
// windows, indices and ties) on the exact integer values; a window of
// padding alone gives the type's minimum. Matches reference MaxPoolNdInt8.
__kernel void poolnd_max_8(__global const uchar* x, __global uchar* y, __global long* idx,
                           int has_idx, __global const int* dims, int is_signed) {
  const int i = get_global_id(0);
  const int planes = dims[0], D = dims[1], H = dims[2], W = dims[3], OD = dims[4], OH = dims[5],
            OW = dims[6], KD = dims[7], KH = dims[8], KW = dims[9], SD = dims[10],
            SH = dims[11], SW = dims[12], PD = dims[13], PH = dims[14], PW = dims[15],
            DD = dims[19], DH = dims[20], DW = dims[21], col_major = dims[24];
  if (i >= planes * OD * OH * OW) return;
  const int ow = i % OW;
  const int oh = (i / OW) % OH;
  const int od = (i / (OW * OH)) % OD;
  const int pl = i / (OW * OH * OD);
  const int d0 = od * SD - PD, h0 = oh * SH - PH, w0 = ow * SW - PW;
  __global const uchar* xp = x + (size_t)pl * D * H * W;
  int acc = is_signed ? -128 : 0, best = -1;
  for (int kd = 0; kd < KD; ++kd) {
    const int id = d0 + kd * DD;
    if (id < 0 || id >= D) continue;
    for (int kh = 0; kh < KH; ++kh) {
      const int ih = h0 + kh * DH;
      if (ih < 0 || ih >= H) continue;
      for (int kw = 0; kw < KW; ++kw) {
        const int iw = w0 + kw * DW;
        if (iw < 0 || iw >= W) continue;
        const uchar b = xp[(id * H + ih) * W + iw];
        const int v = is_signed ? (int)(char)b : (int)b;
        if (v > acc || best < 0) {
          acc = v;
          best = col_major ? id + D * (ih + H * iw) : (id * H + ih) * W + iw;
        }
      }
    }
  }
  y[i] = (uchar)acc;
  if (has_idx) idx[i] = (long)pl * (D * H * W) + max(best, 0);
}
