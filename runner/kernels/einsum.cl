// Einsum as a strided sum of products (graph/reference/einsum.h): one work
// item per output element. meta: out_rank output extents, sum_rank summed
// extents, then per operand (nops of them, 1 to 3) its strides over the
// output labels and then the summed labels. Unused operands may alias a.
__kernel void einsum_f32(__global const float* a, __global const float* b, __global const float* c,
                         __global float* y, int n, int nops, int out_rank, int sum_rank,
                         int sum_count, __global const int* meta) {
  const int i = get_global_id(0);
  if (i >= n) return;
  const int labels = out_rank + sum_rank;
  __global const int* sd = meta + out_rank;
  __global const int* st = meta + labels;  // operand k: st + k * labels
  int at[3] = {0, 0, 0};
  int rem = i;
  for (int d = out_rank - 1; d >= 0; --d) {
    const int o = rem % meta[d];
    rem /= meta[d];
    for (int k = 0; k < nops; ++k) at[k] += o * st[k * labels + d];
  }
  int cnt[8];
  for (int d = 0; d < sum_rank; ++d) cnt[d] = 0;
  float acc = 0.0f;
  for (int j = 0; j < sum_count; ++j) {
    float p = a[at[0]];
    if (nops > 1) p *= b[at[1]];
    if (nops > 2) p *= c[at[2]];
    acc += p;
    // Odometer over the summed labels, last fastest.
    for (int d = sum_rank - 1; d >= 0; --d) {
      for (int k = 0; k < nops; ++k) at[k] += st[k * labels + out_rank + d];
      if (++cnt[d] < sd[d]) break;
      for (int k = 0; k < nops; ++k) at[k] -= sd[d] * st[k * labels + out_rank + d];
      cnt[d] = 0;
    }
  }
  y[i] = acc;
}
