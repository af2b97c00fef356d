// Gather and GatherElements. Kernels are typed by element size only
// (uchar/uint/ulong) and by the index type.

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
GATHER(ushort, long, gather_16_i64)
GATHER(uint, long, gather_32_i64)
GATHER(ulong, long, gather_64_i64)
GATHER(uchar, int, gather_8_i32)
GATHER(ushort, int, gather_16_i32)
GATHER(uint, int, gather_32_i32)
GATHER(ulong, int, gather_64_i32)

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
GATHER_ELEMENTS(ushort, long, gather_elements_16_i64)
GATHER_ELEMENTS(uint, long, gather_elements_32_i64)
GATHER_ELEMENTS(ulong, long, gather_elements_64_i64)
GATHER_ELEMENTS(uchar, int, gather_elements_8_i32)
GATHER_ELEMENTS(ushort, int, gather_elements_16_i32)
GATHER_ELEMENTS(uint, int, gather_elements_32_i32)
GATHER_ELEMENTS(ulong, int, gather_elements_64_i32)

// GatherND: y[t, q] = x[batch(t) * batch_stride + sum(idx[t, d] * stride[d]) + q]
// for index tuple t (k values) and slice element q; tuples of one batch are
// per_batch in a row. meta: indexed dims[k], their strides[k]. Out-of-range
// indices read element 0 of the slice's batch.
#define GATHER_ND(T, TI, NAME)                                                                \
  __kernel void NAME(__global const T* x, __global const TI* indices, __global T* y, int n,   \
                     int slice, int per_batch, int batch_stride, int k,                       \
                     __global const int* meta) {                                              \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int q = i % slice, t = i / slice;                                                         \
    long at = (long)(t / per_batch) * batch_stride;                                           \
    for (int d = 0; d < k; ++d) {                                                             \
      long v = indices[(long)t * k + d];                                                      \
      if (v < 0) v += meta[d];                                                                \
      if (v < 0 || v >= meta[d]) v = 0;                                                       \
      at += v * meta[k + d];                                                                  \
    }                                                                                         \
    y[i] = x[at + q];                                                                         \
  }
GATHER_ND(uchar, long, gather_nd_8_i64)
GATHER_ND(ushort, long, gather_nd_16_i64)
GATHER_ND(uint, long, gather_nd_32_i64)
GATHER_ND(ulong, long, gather_nd_64_i64)
GATHER_ND(uchar, int, gather_nd_8_i32)
GATHER_ND(ushort, int, gather_nd_16_i32)
GATHER_ND(uint, int, gather_nd_32_i32)
GATHER_ND(ulong, int, gather_nd_64_i32)
