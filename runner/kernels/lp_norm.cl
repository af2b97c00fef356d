// LpNormalization (graph/reference/lp_norm.h): one work item per
// (outer, inner) position, two passes along the axis.
__kernel void lp_norm_f32(__global const float* x, __global float* y, int lines, int extent,
                          int inner, int p) {
  const int i = get_global_id(0);
  if (i >= lines) return;
  const int base = (i / inner) * extent * inner + i % inner;
  float norm = 0.0f;
  for (int e = 0; e < extent; ++e) {
    const float v = x[base + e * inner];
    norm += p == 1 ? fabs(v) : v * v;
  }
  if (p == 2) norm = sqrt(norm);
  for (int e = 0; e < extent; ++e) {
    const int at = base + e * inner;
    y[at] = norm == 0.0f ? 0.0f : x[at] / norm;
  }
}
