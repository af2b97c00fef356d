// ConvTranspose, gather form: one work item per output element of
// y [N, M, OD, OH, OW] (1-D and 2-D as 3-D with leading extents of 1) sums
// x * w over the input positions whose taps reach it:
// od + PD - kd*DD = id*SD for an id in [0, D) (likewise h, w).
// w: [C, M/G, KD, KH, KW]. dims: N, C, D, H, W, M, OD, OH, OW, KD, KH, KW,
// SD, SH, SW, PD, PH, PW, DD, DH, DW, G (PD.. the pads at the start, may be
// negative).
__kernel void conv_transpose_f32(__global const float* x, __global const float* w,
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
  const int g = m / mg, ml = m % mg;
  const int taps = KD * KH * KW;
  float acc = has_bias ? bias[m] : 0.0f;
  for (int kd = 0; kd < KD; ++kd) {
    const int td = od + PD - kd * DD;
    if (td < 0 || td % SD != 0 || td / SD >= D) continue;
    const int id = td / SD;
    for (int kh = 0; kh < KH; ++kh) {
      const int th = oh + PH - kh * DH;
      if (th < 0 || th % SH != 0 || th / SH >= H) continue;
      const int ih = th / SH;
      for (int kw = 0; kw < KW; ++kw) {
        const int tw = ow + PW - kw * DW;
        if (tw < 0 || tw % SW != 0 || tw / SW >= W) continue;
        const int iw = tw / SW;
        const int xo = (id * H + ih) * W + iw;
        const int wo = (kd * KH + kh) * KW + kw;
        for (int cl = 0; cl < cg; ++cl) {
          const int c = g * cg + cl;
          acc += x[(n * C + c) * D * H * W + xo] * w[(c * mg + ml) * taps + wo];
        }
      }
    }
  }
  y[i] = acc;
}
