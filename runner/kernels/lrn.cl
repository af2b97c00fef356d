// LRN across channels (graph/reference/lrn.h), one work item per element of
// x [n, c, inner]; lo/hi: the window's channels before/after.
__kernel void lrn_f32(__global const float* x, __global float* y, int total, int c, int inner,
                      int lo, int hi, float alpha_over_size, float beta, float bias) {
  const int i = get_global_id(0);
  if (i >= total) return;
  const int s = i % inner;
  const int ch = (i / inner) % c;
  const int b = i / (inner * c);
  float sq = 0.0f;
  for (int k = max(0, ch - lo); k <= min(c - 1, ch + hi); ++k) {
    const float v = x[(b * c + k) * inner + s];
    sq += v * v;
  }
  y[i] = x[i] / pow(bias + alpha_over_size * sq, beta);
}
