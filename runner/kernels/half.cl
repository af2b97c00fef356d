// float <-> half conversions for fp16 engines: the Cast op and the half
// adapter (runner/ops/half_adapter.h). vload_half / vstore_half_rte are core
// OpenCL 1.x: they need no cl_khr_fp16 (the `half` type itself is never used
// as a value), so they run on every device. Rounding: to nearest even, like
// graph/half.h on the host.

__kernel void cast_f16_f32(__global const ushort* x, __global float* y, int n) {
  int i = get_global_id(0);
  if (i < n) y[i] = vload_half(i, (__global const half*)x);
}

__kernel void cast_f32_f16(__global const float* x, __global ushort* y, int n) {
  int i = get_global_id(0);
  if (i < n) vstore_half_rte(x[i], i, (__global half*)y);
}
