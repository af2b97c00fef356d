// Convolution kernels with the FusedConv epilogue built in: per-channel bias,
// residual add and activation (campaign_activate, activation.cl) in the same
// pass. Reference: graph/reference/conv.cc + reference::ApplyResidualEpilogue.

// In place on y [N, M, HW]:
//   y[i] = act(y[i] + bias[(i / HW) % M] + res[i])
// with the bias only when has_bias and the residual only when has_res. One
// kernel after the GEMM instead of a bias kernel and an epilogue kernel.
__kernel void conv_epilogue_f32(__global float* y, __global const float* bias, int has_bias,
                                __global const float* res, int has_res, int M, int HW, int total,
                                int act, float alpha, float beta) {
  int i = get_global_id(0);
  if (i >= total) return;
  float v = y[i];
  if (has_bias) v += bias[(i / HW) % M];
  if (has_res) v += res[i];
  y[i] = campaign_activate(v, act, alpha, beta);
}

// Depthwise convolution (group == C == M, one filter per channel), direct.
// Work-group g computes a TH x TW tile of one output plane (n, c):
// plane = g / tiles, tile = g % tiles (tiles_w tiles per row). The input
// patch the tile needs, PTH x PTW floats (zeros outside the image), is first
// copied to local memory with coalesced row reads, then each work item
// (local size TH * TW) computes one output from it.
__kernel void dwconv2d_f32(__global const float* x, __global const float* w,
                           __global const float* bias, int has_bias, __global const float* res,
                           int has_res, __global float* y, int C, int H, int W, int OH, int OW,
                           int KH, int KW, int SH, int SW, int PH, int PW, int DH, int DW, int TH,
                           int TW, int tiles_w, int tiles, int PTH, int PTW, int act, float alpha,
                           float beta, __local float* patch) {
  const int g = get_group_id(0);
  const int lid = get_local_id(0);
  const int lsize = get_local_size(0);
  const int plane = g / tiles;
  const int t = g - plane * tiles;
  const int oh0 = (t / tiles_w) * TH, ow0 = (t % tiles_w) * TW;
  const int ih0 = oh0 * SH - PH, iw0 = ow0 * SW - PW;
  __global const float* xp = x + (size_t)plane * H * W;
  for (int j = lid; j < PTH * PTW; j += lsize) {
    int r = j / PTW, col = j - r * PTW;
    int ih = ih0 + r, iw = iw0 + col;
    patch[j] = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? xp[ih * W + iw] : 0.0f;
  }
  barrier(CLK_LOCAL_MEM_FENCE);
  const int ty = lid / TW, tx = lid - (lid / TW) * TW;
  const int oh = oh0 + ty, ow = ow0 + tx;
  if (lid >= TH * TW || oh >= OH || ow >= OW) return;
  const int c = plane % C;
  __global const float* wp = w + c * KH * KW;
  __local const float* pp = patch + ty * SH * PTW + tx * SW;
  float acc = 0.0f;
  for (int kh = 0; kh < KH; ++kh) {
    for (int kw = 0; kw < KW; ++kw) acc += pp[kh * DH * PTW + kw * DW] * wp[kh * KW + kw];
  }
  if (has_bias) acc += bias[c];
  const size_t o = ((size_t)plane * OH + oh) * OW + ow;
  if (has_res) acc += res[o];
  y[o] = campaign_activate(acc, act, alpha, beta);
}
