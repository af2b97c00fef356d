// OneHot: y[o, d, q] = values[indices[o, q] == d] (graph/reference/one_hot.h).
// Typed by the values' element size and the index type.
#define ONE_HOT(T, TI, NAME)                                                                  \
  __kernel void NAME(__global const TI* indices, __global const T* values, __global T* y,     \
                     int n, int depth, int inner) {                                           \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int q = i % inner, d = (i / inner) % depth, o = i / (inner * depth);                      \
    long k = (long)indices[(long)o * inner + q];                                              \
    if (k < 0) k += depth;                                                                    \
    y[i] = values[k == d ? 1 : 0];                                                            \
  }
ONE_HOT(uint, float, one_hot_32_f32)
ONE_HOT(uint, int, one_hot_32_i32)
ONE_HOT(uint, long, one_hot_32_i64)
ONE_HOT(ulong, float, one_hot_64_f32)
ONE_HOT(ulong, int, one_hot_64_i32)
ONE_HOT(ulong, long, one_hot_64_i64)
