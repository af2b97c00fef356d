// Convolution helpers: im2col for the GEMM path and a direct kernel for
// grouped convolution (depthwise and the epilogue: conv_fused.cl).

// col[b][(c*KH*KW + kh*KW + kw), (oh*OW + ow)] for images n0 + b of x
// [N, C, H, W], b in [0, count): count = global size / (C*KH*KW*OH*OW).
__kernel void im2col_f32(__global const float* x, int n0, __global float* col, int C, int H,
                         int W, int KH, int KW, int SH, int SW, int PH, int PW, int DH, int DW,
                         int OH, int OW, int total) {
  int i = get_global_id(0);
  if (i >= total) return;
  int plane = OH * OW;
  int per_image = C * KH * KW * plane;
  int b = i / per_image;
  int j = i - b * per_image;
  int p = j % plane;
  int row = j / plane;
  int kw = row % KW;
  int kh = (row / KW) % KH;
  int c = row / (KW * KH);
  int oh = p / OW, ow = p % OW;
  int ih = oh * SH - PH + kh * DH;
  int iw = ow * SW - PW + kw * DW;
  float v = 0.0f;
  if (ih >= 0 && ih < H && iw >= 0 && iw < W) v = x[(((n0 + b) * C + c) * H + ih) * W + iw];
  col[i] = v;
}

// One work item per output element of y [N, M, OH, OW]; any group count.
// dims: N, C, H, W, M, OH, OW, KH, KW, SH, SW, PH, PW, DH, DW, group
__kernel void conv2d_direct_f32(__global const float* x, __global const float* w,
                                __global const float* bias, int has_bias,
                                __global float* y, __global const int* dims) {
  int i = get_global_id(0);
  int N = dims[0], C = dims[1], H = dims[2], W = dims[3], M = dims[4], OH = dims[5],
      OW = dims[6], KH = dims[7], KW = dims[8], SH = dims[9], SW = dims[10], PH = dims[11],
      PW = dims[12], DH = dims[13], DW = dims[14], G = dims[15];
  if (i >= N * M * OH * OW) return;
  int ow = i % OW;
  int oh = (i / OW) % OH;
  int m = (i / (OW * OH)) % M;
  int n = i / (OW * OH * M);
  int cg = C / G, mg = M / G;
  int g = m / mg;
  float acc = has_bias ? bias[m] : 0.0f;
  for (int ic = 0; ic < cg; ++ic) {
    __global const float* xp = x + ((n * C + g * cg + ic) * H) * W;
    __global const float* wp = w + ((m * cg + ic) * KH) * KW;
    for (int kh = 0; kh < KH; ++kh) {
      int ih = oh * SH - PH + kh * DH;
      if (ih < 0 || ih >= H) continue;
      for (int kw = 0; kw < KW; ++kw) {
        int iw = ow * SW - PW + kw * DW;
        if (iw < 0 || iw >= W) continue;
        acc += xp[ih * W + iw] * wp[kh * KW + kw];
      }
    }
  }
  y[i] = acc;
}

// The 3-D form of conv2d_direct_f32: one work item per output element of
// y [N, M, OD, OH, OW]; any group count. w: [M, C/G, KD, KH, KW].
// dims: N, C, D, H, W, M, OD, OH, OW, KD, KH, KW, SD, SH, SW, PD, PH, PW,
// DD, DH, DW, G (PD.. the pads at the start).
__kernel void convnd_direct_f32(__global const float* x, __global const float* w,
                                __global const float* bias, int has_bias, __global float* y,
                                __global const int* dims) {
  const int i = get_global_id(0);
  const int N = dims[0], C = dims[1], D = dims[2], H = dims[3], W = dims[4], M = dims[5],
            OD = dims[6], OH = dims[7], OW = dims[8], KD = dims[9], KH = dims[10], KW = dims[11],
            SD = dims[12], SH = dims[13], SW = dims[14], PD = dims[15], PH = dims[16],
            PW = dims[17], DD = dims[18], DH = dims[19], DW = dims[20], G = dims[21];
  if (i >= N * M * OD * OH * OW) return;
  const int ow = i % OW;
  const int oh = (i / OW) % OH;
  const int od = (i / (OW * OH)) % OD;
  const int m = (i / (OW * OH * OD)) % M;
  const int n = i / (OW * OH * OD * M);
  const int cg = C / G, mg = M / G;
  const int g = m / mg;
  float acc = has_bias ? bias[m] : 0.0f;
  for (int ic = 0; ic < cg; ++ic) {
    __global const float* xp = x + (n * C + g * cg + ic) * D * H * W;
    __global const float* wp = w + (m * cg + ic) * KD * KH * KW;
    for (int kd = 0; kd < KD; ++kd) {
      const int id = od * SD - PD + kd * DD;
      if (id < 0 || id >= D) continue;
      for (int kh = 0; kh < KH; ++kh) {
        const int ih = oh * SH - PH + kh * DH;
        if (ih < 0 || ih >= H) continue;
        for (int kw = 0; kw < KW; ++kw) {
          const int iw = ow * SW - PW + kw * DW;
          if (iw < 0 || iw >= W) continue;
          acc += xp[(id * H + ih) * W + iw] * wp[(kd * KH + kh) * KW + kw];
        }
      }
    }
  }
  y[i] = acc;
}
