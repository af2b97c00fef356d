// Reference matrix products (float32): ONNX Gemm and MatMul.
//
// Computed with OpenBLAS's sgemm (float32 sums, fused multiply-adds), tiles
// in parallel on ReferenceThreads() threads: the bits do not depend on the
// thread count; they are within float32 rounding of a naive loop
// (graph/reference/sgemm.h says how, naive.h is the tests' oracle).
#pragma once

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

struct GemmParams {
  bool trans_a = false;
  bool trans_b = false;
  float alpha = 1.0f;
  float beta = 1.0f;
};

// [M, N] for 2-D a and b (after the transposes); kInvalidModel otherwise.
// `c`, when given, must broadcast to [M, N].
Result<Shape> GemmOutputShape(const Shape& a, const Shape& b, const Shape* c, const GemmParams& p);
// y = alpha * op(a) * op(b) + beta * c. `c` may be null.
void Gemm(const HostTensor& a, const HostTensor& b, const HostTensor* c, const GemmParams& p,
          HostTensor* y);

// numpy.matmul shape: 1-D operands are promoted, batch dims broadcast.
Result<Shape> MatMulOutputShape(const Shape& a, const Shape& b);
// REQUIRES: y shaped by MatMulOutputShape.
void MatMul(const HostTensor& a, const HostTensor& b, HostTensor* y);

// Row-major C[M,N] = A[M,K] * B[K,N], dense.
void MatMul2d(const float* a, const float* b, float* c, int64_t m, int64_t n, int64_t k);

// For MatMul with broadcast batch dims: the element offsets of each batch's
// A, B and Y matrices, in batch order.
struct MatMulBatches {
  int64_t m = 0, n = 0, k = 0;
  std::vector<int64_t> a_offsets, b_offsets, y_offsets;
};
MatMulBatches PlanMatMul(const Shape& a, const Shape& b);

}  // namespace campaign::graph::reference
