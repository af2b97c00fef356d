// The signal family: a direct DFT over strided complex input (DFT and STFT,
// the layout of graph/reference/signal.h DftParams) and Det (LU with partial
// pivoting, one work item per matrix).

// One output value pair (re, im) per work item: y is [outer, frames, bins,
// inner, 2]. Sample n (n < n_avail, zero beyond) of (o, f, i) is complex
// element o * x_outer + f * x_frame + n * x_n + i * x_inner of x, `comps`
// floats each. w: the window (has_window) else unused. The twiddle angle
// comes from (k n) mod length, folded into [-length/2, length/2], so that
// its float error stays a few ulp of at most pi; sums run in blocks of 32
// to keep float accumulation error low.
__kernel void signal_dft(__global const float* x, __global const float* w, __global float* y,
                         int total, int frames, int bins, int inner, int x_outer, int x_frame,
                         int x_n, int x_inner, int comps, int n_avail, int length,
                         int has_window, int inverse) {
  int g = get_global_id(0);
  if (g >= total) return;
  int i = g % inner;
  int r = g / inner;
  int k = r % bins;
  r /= bins;
  int f = r % frames;
  int o = r / frames;
  int base = o * x_outer + f * x_frame + i * x_inner;
  float sign = inverse ? 1.0f : -1.0f;
  float inv_len = 2.0f / (float)length;
  float re = 0.0f, im = 0.0f, block_re = 0.0f, block_im = 0.0f;
  int j = 0;  // (k * n) mod length
  for (int n = 0; n < n_avail; ++n) {
    __global const float* v = x + (base + n * x_n) * comps;
    float wn = has_window ? w[n] : 1.0f;
    float xr = wn * v[0];
    float xi = comps == 2 ? wn * v[1] : 0.0f;
    int jj = 2 * j > length ? j - length : j;
    float t = (float)jj * inv_len;  // angle / pi in [-1, 1]
    float c = cospi(t);
    float s = sign * sinpi(t);
    block_re += xr * c - xi * s;
    block_im += xr * s + xi * c;
    if ((n & 31) == 31) {
      re += block_re;
      im += block_im;
      block_re = 0.0f;
      block_im = 0.0f;
    }
    j += k;
    if (j >= length) j -= length;
  }
  re += block_re;
  im += block_im;
  if (inverse) {
    re /= (float)length;
    im /= (float)length;
  }
  y[2 * g] = re;
  y[2 * g + 1] = im;
}

// Determinant of matrix b (m x m, row-major) of x; `a` is scratch of the same
// size as x, factored in place.
__kernel void signal_det(__global const float* x, __global float* a, __global float* y, int mats,
                         int m) {
  int b = get_global_id(0);
  if (b >= mats) return;
  __global float* A = a + b * m * m;
  for (int e = 0; e < m * m; ++e) A[e] = x[b * m * m + e];
  float det = 1.0f;
  for (int col = 0; col < m; ++col) {
    int piv = col;
    for (int r = col + 1; r < m; ++r) {
      if (fabs(A[r * m + col]) > fabs(A[piv * m + col])) piv = r;
    }
    if (A[piv * m + col] == 0.0f) {
      det = 0.0f;
      break;
    }
    if (piv != col) {
      for (int c = 0; c < m; ++c) {
        float tmp = A[piv * m + c];
        A[piv * m + c] = A[col * m + c];
        A[col * m + c] = tmp;
      }
      det = -det;
    }
    float d = A[col * m + col];
    det *= d;
    for (int r = col + 1; r < m; ++r) {
      float fct = A[r * m + col] / d;
      for (int c = col + 1; c < m; ++c) A[r * m + c] -= fct * A[col * m + c];
    }
  }
  y[b] = det;
}
