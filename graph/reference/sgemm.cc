#include "graph/reference/sgemm.h"

#include <cblas.h>

#include <algorithm>

#include "graph/reference/parallel.h"

namespace campaign::graph::reference {
namespace {

// Before the first product: OpenBLAS's own pool would nest under ParallelFor.
void MakeLibrarySerial() {
  static const bool done = [] {
    openblas_set_num_threads(1);
    return true;
  }();
  (void)done;
}

blasint Dim(int64_t v) { return static_cast<blasint>(std::max<int64_t>(v, 1)); }

// The part of a product that covers C's rows [i0, i0 + rows) and columns
// [j0, j0 + cols): row offsets move A, column offsets move B.
SgemmOperands Tile(const SgemmShape& s, const SgemmOperands& o, int64_t i0, int64_t j0) {
  SgemmOperands t = o;
  t.a = o.a + (s.trans_a ? i0 : i0 * o.lda);
  t.b = o.b + (s.trans_b ? j0 * o.ldb : j0);
  t.c = o.c + i0 * o.ldc + j0;
  return t;
}

}  // namespace

void Sgemm(const SgemmShape& s, const SgemmOperands& o) {
  if (s.m <= 0 || s.n <= 0) return;
  if (s.k <= 0) {
    for (int64_t i = 0; i < s.m; ++i) {
      float* row = o.c + i * o.ldc;
      for (int64_t j = 0; j < s.n; ++j) row[j] = s.beta == 0.0f ? 0.0f : s.beta * row[j];
    }
    return;
  }
  MakeLibrarySerial();
  cblas_sgemm(CblasRowMajor, s.trans_a ? CblasTrans : CblasNoTrans,
              s.trans_b ? CblasTrans : CblasNoTrans, Dim(s.m), Dim(s.n), Dim(s.k), s.alpha, o.a,
              Dim(o.lda), o.b, Dim(o.ldb), s.beta, o.c, Dim(o.ldc));
}

void ParallelSgemm(const SgemmShape& s, std::span<const SgemmOperands> batch) {
  if (s.m <= 0 || s.n <= 0 || batch.empty()) return;
  const int64_t tiles_m = (s.m + kSgemmTileM - 1) / kSgemmTileM;
  const int64_t tiles_n = (s.n + kSgemmTileN - 1) / kSgemmTileN;
  const int64_t per_product = tiles_m * tiles_n;
  const int64_t items = per_product * static_cast<int64_t>(batch.size());
  const int64_t cost = std::min(s.m, kSgemmTileM) * std::min(s.n, kSgemmTileN) * s.k;
  ParallelFor(items, cost, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; ++item) {
      const SgemmOperands& o = batch[static_cast<size_t>(item / per_product)];
      const int64_t tile = item % per_product;
      const int64_t i0 = (tile / tiles_n) * kSgemmTileM, j0 = (tile % tiles_n) * kSgemmTileN;
      SgemmShape t = s;
      t.m = std::min(kSgemmTileM, s.m - i0);
      t.n = std::min(kSgemmTileN, s.n - j0);
      Sgemm(t, Tile(s, o, i0, j0));
    }
  });
}

int SgemmLibraryThreads() { return openblas_get_num_threads(); }

}  // namespace campaign::graph::reference
