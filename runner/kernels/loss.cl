// NegativeLogLikelihoodLoss on x [n, c, inner] with int64 targets [n, inner].
// reduction 0 (none): one work item per target; 1 (sum) / 2 (mean): work
// item 0 reduces everything (losses are small heads, not hot layers).
__kernel void nll_f32(__global const float* x, __global const long* t, __global const float* w,
                      __global float* y, int n, int c, int inner, int has_w, int has_ignore,
                      long ignore, int reduction) {
  int i = get_global_id(0);
  if (reduction == 0) {
    if (i >= n * inner) return;
    long k = t[i];
    if ((has_ignore && k == ignore) || k < 0 || k >= c) {
      y[i] = 0.0f;
      return;
    }
    int b = i / inner, q = i % inner;
    y[i] = -x[(b * c + (int)k) * inner + q] * (has_w ? w[k] : 1.0f);
    return;
  }
  if (i > 0) return;
  float sum = 0.0f, wsum = 0.0f;
  for (int j = 0; j < n * inner; ++j) {
    long k = t[j];
    if ((has_ignore && k == ignore) || k < 0 || k >= c) continue;
    int b = j / inner, q = j % inner;
    float wt = has_w ? w[k] : 1.0f;
    sum += -x[(b * c + (int)k) * inner + q] * wt;
    wsum += wt;
  }
  y[0] = reduction == 1 ? sum : sum / wsum;
}
