// Element-wise kernels. Op codes match runner/reference/elementwise.h.

#define UNARY_RELU 0
#define UNARY_CLIP 1
#define UNARY_SIGMOID 2

__kernel void unary_f32(__global const float* x, __global float* y, int n, int op, float lo,
                        float hi) {
  int i = get_global_id(0);
  if (i >= n) return;
  float v = x[i];
  if (op == UNARY_RELU) {
    v = fmax(v, 0.0f);
  } else if (op == UNARY_CLIP) {
    v = fmin(fmax(v, lo), hi);
  } else {
    v = 1.0f / (1.0f + exp(-v));
  }
  y[i] = v;
}

#define BINARY_ADD 0
#define BINARY_SUB 1
#define BINARY_MUL 2
#define BINARY_DIV 3
#define MAX_RANK 8

// meta holds, for rank r > 0: out dims[r], a strides[r], b strides[r]
// (0 on broadcast dims). rank == 0 means a, b and y have the same shape.
__kernel void binary_f32(__global const float* a, __global const float* b, __global float* y,
                         int n, int op, int rank, __global const int* meta) {
  int i = get_global_id(0);
  if (i >= n) return;
  int ia = i, ib = i;
  if (rank > 0) {
    ia = 0;
    ib = 0;
    int rem = i;
    for (int d = rank - 1; d >= 0; --d) {
      int dim = meta[d];
      int idx = rem % dim;
      rem /= dim;
      ia += idx * meta[rank + d];
      ib += idx * meta[2 * rank + d];
    }
  }
  float va = a[ia], vb = b[ib], r;
  if (op == BINARY_ADD) {
    r = va + vb;
  } else if (op == BINARY_SUB) {
    r = va - vb;
  } else if (op == BINARY_MUL) {
    r = va * vb;
  } else {
    r = va / vb;
  }
  y[i] = r;
}
