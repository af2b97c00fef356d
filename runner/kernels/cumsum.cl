// CumSum: one work item per line along the axis (outer o, inner q), summing
// element by element in the element type (graph/reference/cumsum.h does the
// same steps).
#define CUMSUM(T, NAME)                                                                       \
  __kernel void NAME(__global const T* x, __global T* y, int rows, int n, int inner,          \
                     int exclusive, int reverse) {                                            \
    int r = get_global_id(0);                                                                 \
    if (r >= rows) return;                                                                    \
    long base = (long)(r / inner) * n * inner + r % inner;                                    \
    T acc = 0;                                                                                \
    for (int j = 0; j < n; ++j) {                                                             \
      long at = base + (long)(reverse ? n - 1 - j : j) * inner;                               \
      T v = x[at];                                                                            \
      if (!exclusive) acc += v;                                                               \
      y[at] = acc;                                                                            \
      if (exclusive) acc += v;                                                                \
    }                                                                                         \
  }
CUMSUM(float, cumsum_f32)
CUMSUM(int, cumsum_i32)
CUMSUM(long, cumsum_i64)
