// Data movement: strided copies, gathers and casts. Kernels are typed by
// element size only (uchar/uint/ulong) where the values are just moved.

// y[i] = x[offset + sum(idx[d] * stride[d])]; meta: out dims[r], strides[r],
// offset.
#define STRIDED(T, NAME)                                                                      \
  __kernel void NAME(__global const T* x, __global T* y, int n, int rank,                     \
                     __global const int* meta) {                                              \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int at = meta[2 * rank], rem = i;                                                         \
    for (int d = rank - 1; d >= 0; --d) {                                                     \
      int idx = rem % meta[d];                                                                \
      rem /= meta[d];                                                                         \
      at += idx * meta[rank + d];                                                             \
    }                                                                                         \
    y[i] = x[at];                                                                             \
  }
STRIDED(uchar, strided_copy_8)
STRIDED(uint, strided_copy_32)
STRIDED(ulong, strided_copy_64)

// y[o, j, q] = x[o, idx[j], q] for outer o, nidx j, inner q; negative
// indices count from the end; out-of-range indices set *err.
#define GATHER(T, TI, NAME)                                                                   \
  __kernel void NAME(__global const T* x, __global const TI* indices, __global T* y,          \
                     int outer, int dim, int nidx, int inner, __global int* err) {            \
    int i = get_global_id(0);                                                                 \
    if (i >= outer * nidx * inner) return;                                                    \
    int q = i % inner, j = (i / inner) % nidx, o = i / (inner * nidx);                        \
    long k = indices[j];                                                                      \
    if (k < 0) k += dim;                                                                      \
    if (k < 0 || k >= dim) {                                                                  \
      *err = 1;                                                                               \
      k = 0;                                                                                  \
    }                                                                                         \
    y[i] = x[((long)o * dim + k) * inner + q];                                                \
  }
GATHER(uchar, long, gather_8_i64)
GATHER(uint, long, gather_32_i64)
GATHER(ulong, long, gather_64_i64)
GATHER(uchar, int, gather_8_i32)
GATHER(uint, int, gather_32_i32)
GATHER(ulong, int, gather_64_i32)

#define CAST(TI, TO, NAME)                                                                    \
  __kernel void NAME(__global const TI* x, __global TO* y, int n) {                           \
    int i = get_global_id(0);                                                                 \
    if (i < n) y[i] = (TO)x[i];                                                               \
  }
#define CAST_BOOL(TI, NAME)                                                                   \
  __kernel void NAME(__global const TI* x, __global uchar* y, int n) {                        \
    int i = get_global_id(0);                                                                 \
    if (i < n) y[i] = x[i] != 0;                                                              \
  }
CAST(float, long, cast_f32_i64)
CAST(float, int, cast_f32_i32)
CAST_BOOL(float, cast_f32_bool)
CAST(long, float, cast_i64_f32)
CAST(long, int, cast_i64_i32)
CAST_BOOL(long, cast_i64_bool)
CAST(int, float, cast_i32_f32)
CAST(int, long, cast_i32_i64)
CAST_BOOL(int, cast_i32_bool)
CAST(uchar, float, cast_bool_f32)
CAST(uchar, long, cast_bool_i64)
CAST(uchar, int, cast_bool_i32)

// Trilu: y = x where (col - row) >= k (upper) or <= k (lower), else 0; x
// viewed as [batch, rows, cols].
#define TRILU(T, NAME)                                                                        \
  __kernel void NAME(__global const T* x, __global T* y, int n, int rows, int cols, int k,    \
                     int upper) {                                                             \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int c = i % cols, r = (i / cols) % rows;                                                  \
    bool keep = upper ? (c - r >= k) : (c - r <= k);                                          \
    y[i] = keep ? x[i] : (T)0;                                                                \
  }
TRILU(uchar, trilu_8)
TRILU(uint, trilu_32)
TRILU(ulong, trilu_64)

// GatherElements: y[idx] = x[idx with idx[axis] = indices[idx]]; meta: out
// dims[r], x strides[r].
#define GATHER_ELEMENTS(T, TI, NAME)                                                          \
  __kernel void NAME(__global const T* x, __global const TI* indices, __global T* y, int n,   \
                     int rank, int axis, int dim, __global const int* meta) {                 \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    long k = indices[i];                                                                      \
    if (k < 0) k += dim;                                                                      \
    if (k < 0 || k >= dim) k = 0;                                                             \
    int at = 0, rem = i;                                                                      \
    for (int d = rank - 1; d >= 0; --d) {                                                     \
      int idx = rem % meta[d];                                                                \
      rem /= meta[d];                                                                         \
      at += (d == axis ? (int)k : idx) * meta[rank + d];                                      \
    }                                                                                         \
    y[i] = x[at];                                                                             \
  }
GATHER_ELEMENTS(uchar, long, gather_elements_8_i64)
GATHER_ELEMENTS(uint, long, gather_elements_32_i64)
GATHER_ELEMENTS(ulong, long, gather_elements_64_i64)
GATHER_ELEMENTS(uchar, int, gather_elements_8_i32)
GATHER_ELEMENTS(uint, int, gather_elements_32_i32)
GATHER_ELEMENTS(ulong, int, gather_elements_64_i32)

// Resize as a weighted gather over per-dim tap tables (see
// graph/reference/resize.h). meta: out dims[r], x strides[r], table
// offsets[r]. An index of -1 marks an extrapolated coordinate.
__kernel void resize_f32(__global const float* x, __global float* y, int n, int rank, int taps,
                         __global const int* meta, __global const int* tidx,
                         __global const float* tw, float extrapolation) {
  int i = get_global_id(0);
  if (i >= n) return;
  int o[8], k[8];
  int rem = i;
  for (int d = rank - 1; d >= 0; --d) {
    o[d] = rem % meta[d];
    rem /= meta[d];
    k[d] = 0;
    if (tidx[meta[2 * rank + d] + o[d] * taps] < 0) {
      y[i] = extrapolation;
      return;
    }
  }
  float acc = 0.0f;
  while (true) {
    float w = 1.0f;
    int src = 0;
    for (int d = 0; d < rank; ++d) {
      int at = meta[2 * rank + d] + o[d] * taps + k[d];
      w *= tw[at];
      src += tidx[at] * meta[rank + d];
    }
    if (w != 0.0f) acc += w * x[src];
    int d = rank - 1;
    while (d >= 0 && ++k[d] == taps) {
      k[d] = 0;
      --d;
    }
    if (d < 0) break;
  }
  y[i] = acc;
}
