// Implicit-GEMM convolution (group 1, any kernel/stride/pad/dilation) with
// the FusedConv epilogue built in: no im2col buffer, one launch per node.
//
// The GEMM is Y[m, q] = sum_k W[m, k] * X_col[k, q] over the whole batch:
// m an output channel, k = (c, kh, kw), q = (n, oh, ow) flattened (NP =
// N*OH*OW columns). A work-group of 256 work items computes a 64 x 64 tile
// of Y, work item (tx, ty) = (lid % 16, lid / 16) the 4 x 4 block of rows
// 4ty.. and columns 4tx.., stepping through K 16 at a time: a 64 x 16 block
// of W and a 16 x 64 block of X_col, gathered straight from x (zeros outside
// the image, consecutive work items on consecutive columns: coalesced), are
// staged in local memory and read back as float4 (2 local loads per 16 FMAs).
// Epilogue: + bias[m], + res (same layout as y), activation, then store.
// ktab[k] = (c*H*W, kh*DH, kw*DW, 0) for k = (c, kh, kw), precomputed by the
// op so that the gather does no integer division.

#define IG_TM 64
#define IG_TN 64
#define IG_TK 16

__kernel __attribute__((reqd_work_group_size(256, 1, 1))) void conv_implicit_gemm_f32(
    __global const float* x, __global const float* w, __global const float* bias, int has_bias,
    __global const float* res, int has_res, __global float* y, __global const int4* ktab, int K,
    int C, int H, int W, int M, int OH, int OW, int SH, int SW, int PH, int PW, int NP,
    int tiles_m, int act, float alpha, float beta) {
  // Row pitch 68: float4-aligned rows, and the column-wise stores of W hit
  // different banks (at most 2-way conflicts).
  __local float As[IG_TK][IG_TM + 4] __attribute__((aligned(16)));
  __local float Bs[IG_TK][IG_TN] __attribute__((aligned(16)));
  const int lid = get_local_id(0);
  const int tx = lid % 16, ty = lid / 16;
  const int g = get_group_id(0);
  const int m0 = (g % tiles_m) * IG_TM;
  const int q0 = (g / tiles_m) * IG_TN;
  const int HW = H * W, OHW = OH * OW;

  // The column this work item gathers for Bs: fixed for the whole K loop.
  const int bq = q0 + lid % IG_TN;
  const int bk = lid / IG_TN;  // + 4 * r, r = 0..3
  int ih0 = 0, iw0 = 0;
  __global const float* xn = x;
  const bool bq_ok = bq < NP;
  if (bq_ok) {
    const int n = bq / OHW, p = bq - (bq / OHW) * OHW;
    ih0 = (p / OW) * SH - PH;
    iw0 = (p % OW) * SW - PW;
    xn = x + (size_t)n * C * HW;
  }
  // The W element this work item loads for As: row am + 16 * r, column ak.
  const int ak = lid % IG_TK, am = lid / IG_TK;

  float acc[4][4];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) acc[i][j] = 0.0f;

  for (int k0 = 0; k0 < K; k0 += IG_TK) {
    for (int r = 0; r < 4; ++r) {
      const int m = m0 + am + 16 * r, k = k0 + ak;
      As[ak][am + 16 * r] = (m < M && k < K) ? w[(size_t)m * K + k] : 0.0f;
    }
    for (int r = 0; r < 4; ++r) {
      const int kk = bk + 4 * r, k = k0 + kk;
      float v = 0.0f;
      if (bq_ok && k < K) {
        const int4 t = ktab[k];
        const int ih = ih0 + t.y, iw = iw0 + t.z;
        if (ih >= 0 && ih < H && iw >= 0 && iw < W) v = xn[t.x + ih * W + iw];
      }
      Bs[kk][lid % IG_TN] = v;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int kk = 0; kk < IG_TK; ++kk) {
      const float4 a4 = *(__local const float4*)(&As[kk][ty * 4]);
      const float4 b4 = *(__local const float4*)(&Bs[kk][tx * 4]);
      const float a[4] = {a4.x, a4.y, a4.z, a4.w};
      const float b[4] = {b4.x, b4.y, b4.z, b4.w};
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) acc[i][j] = fma(a[i], b[j], acc[i][j]);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }

  for (int j = 0; j < 4; ++j) {
    const int q = q0 + tx * 4 + j;
    if (q >= NP) continue;
    const int n = q / OHW, p = q - (q / OHW) * OHW;
    for (int i = 0; i < 4; ++i) {
      const int m = m0 + ty * 4 + i;
      if (m >= M) continue;
      const size_t o = ((size_t)n * M + m) * OHW + p;
      float v = acc[i][j];
      if (has_bias) v += bias[m];
      if (has_res) v += res[o];
      y[o] = campaign_activate(v, act, alpha, beta);
    }
  }
}
