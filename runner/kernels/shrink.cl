// Shrink (graph/reference/shrink.h), one work item per element.
__kernel void shrink_f32(__global const float* x, __global float* y, int n, float lambd,
                         float bias) {
  const int i = get_global_id(0);
  if (i >= n) return;
  const float v = x[i];
  y[i] = v < -lambd ? v + bias : v > lambd ? v - bias : 0.0f;
}
