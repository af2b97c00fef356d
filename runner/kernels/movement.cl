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
