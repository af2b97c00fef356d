// DynamicQuantizeLinear, MatMulInteger / QLinearMatMul, ConvInteger /
// QLinearConv (graph/reference/quant_linear.h, quant_linear_conv.h).
// Operands are bytes read as int8 or uint8 by a flag; y is int32 when
// `qlinear` is 0, else int8 / uint8 (y_signed) after requantization.

inline int quant_linear_byte(__global const uchar* p, int i, int is_signed) {
  return is_signed ? (int)((char)p[i]) : (int)p[i];
}

// Zero point k of a per-tensor (count 1) or per-row/column/channel one; 0
// when count is 0.
inline int quant_linear_zp(__global const uchar* zp, int count, int k, int is_signed) {
  return count == 0 ? 0 : quant_linear_byte(zp, count == 1 ? 0 : k, is_signed);
}

inline void quant_linear_store(__global uchar* y, int o, int acc, int qlinear, float mult,
                               int zy, int y_signed) {
  if (!qlinear) {
    ((__global int*)y)[o] = acc;
    return;
  }
  /* round_half_even(acc * mult) as if exact: p is the rounded product, e
     its error (fma is exact); a tie in p that is not one exactly goes
     the way of e (|acc| < 2^24 is exact in float). */
  float a = (float)acc;
  float p = a * mult;
  float e = fma(a, mult, -p);
  float r = rint(p);
  if (fabs(p - floor(p) - 0.5f) == 0.0f && e != 0.0f) r = e > 0.0f ? ceil(p) : floor(p);
  float v = r + (float)zy;
  if (y_signed) {
    ((__global char*)y)[o] = (char)clamp(v, -128.0f, 127.0f);
  } else {
    y[o] = (uchar)clamp(v, 0.0f, 255.0f);
  }
}

// One work item: y_scale = (hi - lo) / 255 with lo/hi the range of x
// extended to 0, y_zero_point its rounded, saturated zero point. The
// quantization itself runs quantize_u8 (quantize.cl).
__kernel void quant_linear_range(__global const float* x, int n, __global float* scale,
                                 __global uchar* zp) {
  if (get_global_id(0) != 0) return;
  float lo = 0.0f, hi = 0.0f;
  for (int i = 0; i < n; ++i) {
    lo = fmin(lo, x[i]);
    hi = fmax(hi, x[i]);
  }
  float s = (hi == lo ? 1.0f : hi - lo) / 255.0f;
  scale[0] = s;
  zp[0] = (uchar)rint(clamp(0.0f - lo / s, 0.0f, 255.0f));
}

// One work item per y element [batch, m, n]. flags: bit 0 a signed, 1 b
// signed, 2 y signed, 3 qlinear. Per-row / per-column counts as in
// quant_linear_zp (scales: count 1 or m / n).
__kernel void quant_linear_matmul(__global const uchar* a, __global const uchar* b,
                                  __global const uchar* a_zp, __global const uchar* b_zp,
                                  __global const float* a_scale, __global const float* b_scale,
                                  __global const float* y_scale, __global const uchar* y_zp,
                                  __global uchar* y, int batch, int m, int k, int n,
                                  int a_stride, int b_stride, int a_zp_count, int b_zp_count,
                                  int a_scale_count, int b_scale_count, int flags) {
  int o = get_global_id(0);
  if (o >= batch * m * n) return;
  int j = o % n, i = (o / n) % m, bt = o / (m * n);
  int as = flags & 1, bs = (flags >> 1) & 1, ys = (flags >> 2) & 1, ql = (flags >> 3) & 1;
  int za = quant_linear_zp(a_zp, a_zp_count, i, as);
  int zb = quant_linear_zp(b_zp, b_zp_count, j, bs);
  int a0 = bt * a_stride + i * k, b0 = bt * b_stride + j;
  int acc = 0;
  for (int t = 0; t < k; ++t) {
    acc += (quant_linear_byte(a, a0 + t, as) - za) * (quant_linear_byte(b, b0 + t * n, bs) - zb);
  }
  float mult = 1.0f;
  int zy = 0;
  if (ql) {
    mult = a_scale[a_scale_count == 1 ? 0 : i] * b_scale[b_scale_count == 1 ? 0 : j] / y_scale[0];
    zy = quant_linear_byte(y_zp, 0, ys);
  }
  quant_linear_store(y, o, acc, ql, mult, zy, ys);
}

// One work item per y element [N, M, OH, OW]. dims: C, H, W, M, C/group,
// KH, KW, OH, OW, stride h/w, pad top/left, dilation h/w, group; flags as
// quant_linear_matmul's (a = x, b = w), bit 4: has bias (int32 [M]).
__kernel void quant_linear_conv(__global const uchar* x, __global const uchar* w,
                                __global const uchar* x_zp, __global const uchar* w_zp,
                                __global const float* x_scale, __global const float* w_scale,
                                __global const float* y_scale, __global const uchar* y_zp,
                                __global const int* bias, __global uchar* y,
                                __global const int* dims, int total, int x_zp_count,
                                int w_zp_count, int w_scale_count, int flags) {
  int o = get_global_id(0);
  if (o >= total) return;
  const int C = dims[0], H = dims[1], W = dims[2], M = dims[3], CG = dims[4], KH = dims[5],
            KW = dims[6], OH = dims[7], OW = dims[8], SH = dims[9], SW = dims[10],
            PT = dims[11], PL = dims[12], DH = dims[13], DW = dims[14], G = dims[15];
  int ox = o % OW, oy = (o / OW) % OH, mo = (o / (OW * OH)) % M, nb = o / (OW * OH * M);
  int xs = flags & 1, wsg = (flags >> 1) & 1, ys = (flags >> 2) & 1, ql = (flags >> 3) & 1;
  int g = mo / (M / G);
  int zx = quant_linear_zp(x_zp, x_zp_count, 0, xs);
  int zw = quant_linear_zp(w_zp, w_zp_count, mo, wsg);
  int acc = ((flags >> 4) & 1) ? bias[mo] : 0;
  for (int c = 0; c < CG; ++c) {
    int xc = (nb * C + g * CG + c) * H;
    int wc = (mo * CG + c) * KH;
    for (int ky = 0; ky < KH; ++ky) {
      int iy = oy * SH - PT + ky * DH;
      if (iy < 0 || iy >= H) continue;
      for (int kx = 0; kx < KW; ++kx) {
        int ix = ox * SW - PL + kx * DW;
        if (ix < 0 || ix >= W) continue;
        acc += (quant_linear_byte(x, (xc + iy) * W + ix, xs) - zx) *
               (quant_linear_byte(w, (wc + ky) * KW + kx, wsg) - zw);
      }
    }
  }
  float mult = 1.0f;
  int zy = 0;
  if (ql) {
    mult = x_scale[0] * w_scale[w_scale_count == 1 ? 0 : mo] / y_scale[0];
    zy = quant_linear_byte(y_zp, 0, ys);
  }
  quant_linear_store(y, o, acc, ql, mult, zy, ys);
}
