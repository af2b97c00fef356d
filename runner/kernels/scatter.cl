// ScatterND and ScatterElements (and Scatter). The output is first a copy of
// the data (strided_copy_*); these kernels then apply the updates in the
// order of the updates tensor, each work item owning a disjoint set of
// output elements, so duplicates combine deterministically. Typed by data
// (float/int/long) and index type; `reduction` 0 none, 1 add, 2 mul, 3 max,
// 4 min (graph/reference/scatter.h). Out-of-range indices skip the update.

#define SCATTER_REDUCE(T)                                                                     \
  T scatter_reduce_##T(T old, T v, int reduction) {                                           \
    switch (reduction) {                                                                      \
      case 1:                                                                                 \
        return old + v;                                                                       \
      case 2:                                                                                 \
        return old * v;                                                                       \
      case 3:                                                                                 \
        return v > old ? v : old;                                                             \
      case 4:                                                                                 \
        return v < old ? v : old;                                                             \
      default:                                                                                \
        return v;                                                                             \
    }                                                                                         \
  }
SCATTER_REDUCE(float)
SCATTER_REDUCE(int)
SCATTER_REDUCE(long)

// ScatterND: work item (g, q) applies tuples [g * per, (g + 1) * per) to
// element q of their slices (per = all tuples when reducing, 1 for "none");
// meta: indexed data dims[k], their strides[k] (in elements).
#define SCATTER_ND(T, TI, NAME)                                                               \
  __kernel void NAME(__global T* y, __global const TI* indices, __global const T* updates,    \
                     int groups, int per, int tuples, int k, int slice, int reduction,        \
                     __global const int* meta) {                                              \
    int i = get_global_id(0);                                                                 \
    if (i >= groups * slice) return;                                                          \
    int q = i % slice, g = i / slice;                                                         \
    int end = min(tuples, (g + 1) * per);                                                     \
    for (int j = g * per; j < end; ++j) {                                                     \
      long at = q;                                                                            \
      int ok = 1;                                                                             \
      for (int d = 0; d < k; ++d) {                                                           \
        long v = indices[(long)j * k + d];                                                    \
        if (v < 0) v += meta[d];                                                              \
        if (v < 0 || v >= meta[d]) ok = 0;                                                    \
        at += v * meta[k + d];                                                                \
      }                                                                                       \
      if (ok) y[at] = scatter_reduce_##T(y[at], updates[(long)j * slice + q], reduction);     \
    }                                                                                         \
  }
SCATTER_ND(float, long, scatter_nd_f32_i64)
SCATTER_ND(int, long, scatter_nd_i32_i64)
SCATTER_ND(long, long, scatter_nd_i64_i64)
SCATTER_ND(float, int, scatter_nd_f32_i32)
SCATTER_ND(int, int, scatter_nd_i32_i32)
SCATTER_ND(long, int, scatter_nd_i64_i32)

// ScatterElements: work item i is one position of the updates with the axis
// coordinate left out; it walks the axis. meta: updates dims[r], updates
// strides[r], data strides[r].
#define SCATTER_ELEMENTS(T, TI, NAME)                                                         \
  __kernel void NAME(__global T* y, __global const TI* indices, __global const T* updates,    \
                     int n, int rank, int axis, int dim, int reduction,                       \
                     __global const int* meta) {                                              \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    long at = 0, from = 0;                                                                    \
    int rem = i;                                                                              \
    for (int d = rank - 1; d >= 0; --d) {                                                     \
      if (d == axis) continue;                                                                \
      int c = rem % meta[d];                                                                  \
      rem /= meta[d];                                                                         \
      from += (long)c * meta[rank + d];                                                       \
      at += (long)c * meta[2 * rank + d];                                                     \
    }                                                                                         \
    for (int j = 0; j < meta[axis]; ++j) {                                                    \
      long u = from + (long)j * meta[rank + axis];                                            \
      long v = indices[u];                                                                    \
      if (v < 0) v += dim;                                                                    \
      if (v < 0 || v >= dim) continue;                                                        \
      long o = at + v * meta[2 * rank + axis];                                                \
      y[o] = scatter_reduce_##T(y[o], updates[u], reduction);                                 \
    }                                                                                         \
  }
SCATTER_ELEMENTS(float, long, scatter_elements_f32_i64)
SCATTER_ELEMENTS(int, long, scatter_elements_i32_i64)
SCATTER_ELEMENTS(long, long, scatter_elements_i64_i64)
SCATTER_ELEMENTS(float, int, scatter_elements_f32_i32)
SCATTER_ELEMENTS(int, int, scatter_elements_i32_i32)
SCATTER_ELEMENTS(long, int, scatter_elements_i64_i32)
