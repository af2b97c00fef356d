// BatchNormalization: one normalising kernel for constant, computed and
// (training mode) batch statistics alike. Matches graph/reference/batch_norm.h.

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

// Training mode: one work item per channel c computes the batch mean and
// population variance of x [N, C, inner] over N and inner (two passes) into
// batch_mean[c] / batch_var[c], and, when flagged, the running statistics
// mean * momentum + batch * (1 - momentum) into run_mean / run_var.
__kernel void batch_norm_stats_f32(__global const float* x, __global const float* mean,
                                   __global const float* var, __global float* batch_mean,
                                   __global float* batch_var, __global float* run_mean,
                                   __global float* run_var, int N, int C, int inner,
                                   float momentum, int has_run_mean, int has_run_var) {
  int c = get_global_id(0);
  if (c >= C) return;
  int count = N * inner;
  float sum = 0.0f;
  for (int b = 0; b < N; ++b) {
    __global const float* p = x + ((long)b * C + c) * inner;
    for (int i = 0; i < inner; ++i) sum += p[i];
  }
  float m = count > 0 ? sum / (float)count : 0.0f;
  float sq = 0.0f;
  for (int b = 0; b < N; ++b) {
    __global const float* p = x + ((long)b * C + c) * inner;
    for (int i = 0; i < inner; ++i) {
      float d = p[i] - m;
      sq += d * d;
    }
  }
  float v = count > 0 ? sq / (float)count : 0.0f;
  batch_mean[c] = m;
  batch_var[c] = v;
  if (has_run_mean) run_mean[c] = mean[c] * momentum + m * (1.0f - momentum);
  if (has_run_var) run_var[c] = var[c] * momentum + v * (1.0f - momentum);
}
