// Gemm: the bias beta * C broadcast into Y, which the matrix product (run by
// CLBlast, runner/ops/clblast_gemm.h) then accumulates into.

// y[i, j] = beta * c[i * sm + j * sn] for y [M, N] (sm/sn are 0 on broadcast
// dims).
__kernel void gemm_bias_f32(__global float* y, __global const float* c, int M, int N, int sm,
                            int sn, float beta) {
  int k = get_global_id(0);
  if (k >= M * N) return;
  int i = k / N, j = k % N;
  y[k] = beta * c[i * sm + j * sn];
}
