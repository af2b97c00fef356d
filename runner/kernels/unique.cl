// Unique (runner/ops/unique.cc), the steps of graph/reference/unique.h in one
// work item: each slice of x along the axis ([outer, extent, inner]) is
// compared with the uniques found so far, then the uniques are
// insertion-sorted (when sorted), then the outputs are written densely in
// their actual shapes; count[0] = the unique count, read back by the
// executor. ws: 5 * extent ints (first, cnt, inv, perm, rank).
#define UNIQUE(T, NAME)                                                                          \
  int NAME##_cmp(__global const T* x, long a, long b, int outer, long extent, long inner) {      \
    for (int o = 0; o < outer; ++o) {                                                            \
      for (long i = 0; i < inner; ++i) {                                                         \
        T p = x[((long)o * extent + a) * inner + i], q = x[((long)o * extent + b) * inner + i];  \
        if (p < q) return -1;                                                                    \
        if (q < p) return 1;                                                                     \
      }                                                                                          \
    }                                                                                            \
    return 0;                                                                                    \
  }                                                                                              \
  __kernel void NAME(__global const T* x, int outer, int extent, long inner, int sorted,        \
                     __global int* ws, __global T* y, __global long* indices,                    \
                     __global long* inverse, __global long* counts, int has_y, int has_idx,      \
                     int has_inv, int has_cnt, __global int* count) {                            \
    if (get_global_id(0) != 0) return;                                                           \
    __global int* first = ws;                                                                    \
    __global int* cnt = ws + extent;                                                             \
    __global int* inv = ws + 2 * extent;                                                         \
    __global int* perm = ws + 3 * extent;                                                        \
    __global int* rank = ws + 4 * extent;                                                        \
    int n = 0;                                                                                   \
    for (int j = 0; j < extent; ++j) {                                                           \
      int u = 0;                                                                                 \
      while (u < n && NAME##_cmp(x, j, first[u], outer, extent, inner) != 0) ++u;                \
      if (u == n) {                                                                              \
        first[n] = j;                                                                            \
        cnt[n++] = 0;                                                                            \
      }                                                                                          \
      ++cnt[u];                                                                                  \
      inv[j] = u;                                                                                \
    }                                                                                            \
    for (int u = 0; u < n; ++u) {                                                                \
      int p = u;                                                                                 \
      if (sorted) {                                                                              \
        while (p > 0 && NAME##_cmp(x, first[u], first[perm[p - 1]], outer, extent, inner) < 0) { \
          perm[p] = perm[p - 1];                                                                 \
          --p;                                                                                   \
        }                                                                                        \
      }                                                                                          \
      perm[p] = u;                                                                               \
    }                                                                                            \
    for (int k = 0; k < n; ++k) rank[perm[k]] = k;                                               \
    if (has_y) {                                                                                 \
      for (int o = 0; o < outer; ++o) {                                                          \
        for (int k = 0; k < n; ++k) {                                                            \
          for (long i = 0; i < inner; ++i) {                                                     \
            y[((long)o * n + k) * inner + i] = x[((long)o * extent + first[perm[k]]) * inner + i]; \
          }                                                                                      \
        }                                                                                        \
      }                                                                                          \
    }                                                                                            \
    for (int k = 0; k < n; ++k) {                                                                \
      if (has_idx) indices[k] = first[perm[k]];                                                  \
      if (has_cnt) counts[k] = cnt[perm[k]];                                                     \
    }                                                                                            \
    if (has_inv) {                                                                               \
      for (int j = 0; j < extent; ++j) inverse[j] = rank[inv[j]];                                \
    }                                                                                            \
    count[0] = n;                                                                                \
  }

UNIQUE(float, unique_f32)
UNIQUE(long, unique_i64)
