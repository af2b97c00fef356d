// Data movement: the strided copies of Transpose, Slice, Expand, Split, Tile,
// DepthToSpace and SpaceToDepth (and the data copy before a scatter).
// Kernels are typed by element size only (uchar/uint/ulong): the values are
// just moved.

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
STRIDED(ushort, strided_copy_16)
STRIDED(uint, strided_copy_32)
STRIDED(ulong, strided_copy_64)
