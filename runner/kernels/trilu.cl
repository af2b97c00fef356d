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
TRILU(ushort, trilu_16)
TRILU(uint, trilu_32)
TRILU(ulong, trilu_64)
