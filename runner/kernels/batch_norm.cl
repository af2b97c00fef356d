// BatchNormalization, inference: one kernel for constant and computed
// statistics alike. Matches graph/reference/batch_norm.h.

// x, y: [N, C, inner]; scale, bias, mean, var: [C].
__kernel void batch_norm_f32(__global const float* x, __global const float* scale,
                             __global const float* bias, __global const float* mean,
                             __global const float* var, __global float* y, int n, int C,
                             int inner, float epsilon) {
  int i = get_global_id(0);
  if (i >= n) return;
  int c = (i / inner) % C;
  float k = scale[c] / sqrt(var[c] + epsilon);
  y[i] = (x[i] - mean[c]) * k + bias[c];
}
