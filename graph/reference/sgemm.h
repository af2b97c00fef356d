// float32 matrix products for the reference operators (Conv, Gemm, MatMul),
// through OpenBLAS's cblas_sgemm.
//
// Threads: OpenBLAS runs single-threaded (openblas_set_num_threads(1), set
// once before the first product); the reference's own ParallelFor
// (parallel.h) is the only source of threads. So there is one knob,
// CAMPAIGN_REFERENCE_THREADS, no nesting of two thread pools and no
// oversubscription when ParallelFor calls a product.
//
// Determinism: ParallelSgemm cuts C into tiles whose bounds depend on the
// shape only (kTileM x kTileN), and each tile is one single-threaded
// cblas_sgemm call. A tile's arguments, hence its bits, are the same whatever
// the thread count, so results do not depend on it (the contract of
// parallel.h). They do depend on the CPU (OpenBLAS picks its kernel at run
// time) and are within float32 rounding of a naive loop, not equal to it.
#pragma once

#include <cstdint>
#include <span>

namespace campaign::graph::reference {

// Shape of C[m, n] = alpha * op(A)[m, k] * op(B)[k, n] + beta * C, row-major.
struct SgemmShape {
  int64_t m = 0, n = 0, k = 0;
  bool trans_a = false;  // A is stored [k, m]
  bool trans_b = false;  // B is stored [n, k]
  float alpha = 1.0f;
  float beta = 0.0f;  // 0: C is only written (its old contents are ignored)
};

// One product's operands; leading dimensions in elements (row strides of the
// stored A, B and C).
struct SgemmOperands {
  const float* a = nullptr;
  int64_t lda = 0;
  const float* b = nullptr;
  int64_t ldb = 0;
  float* c = nullptr;
  int64_t ldc = 0;
};

// Tile of C handled by one cblas_sgemm call in ParallelSgemm.
inline constexpr int64_t kSgemmTileM = 128;
inline constexpr int64_t kSgemmTileN = 256;

// One product on the calling thread. m, n or k may be 0 (k == 0: C = beta * C).
// Any thread may call it, also concurrently on disjoint C.
void Sgemm(const SgemmShape& s, const SgemmOperands& o);

// The same-shaped product for every operand set in `batch` (their C must not
// overlap), its tiles spread over ParallelFor. Returns when all are done.
void ParallelSgemm(const SgemmShape& s, std::span<const SgemmOperands> batch);

// OpenBLAS's thread count as it is now (1 once a product has run); for tests.
int SgemmLibraryThreads();

}  // namespace campaign::graph::reference
