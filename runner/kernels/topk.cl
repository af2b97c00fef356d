// TopK: one work item per row along the axis (outer o, inner q) inserts the
// row's elements one by one into its sorted list of k in the outputs
// (graph/reference/topk.h does the same steps). Ties keep the lower index
// first. Typed by value type; indices are long.
#define TOPK(T, NAME)                                                                         \
  __kernel void NAME(__global const T* x, __global T* y, __global long* yi, int rows, int n,  \
                     int inner, int k, int largest) {                                         \
    int r = get_global_id(0);                                                                 \
    if (r >= rows || k <= 0) return;                                                          \
    int o = r / inner, q = r % inner;                                                         \
    __global const T* src = x + (long)o * n * inner + q;                                      \
    __global T* dv = y + (long)o * k * inner + q;                                             \
    __global long* di = yi + (long)o * k * inner + q;                                         \
    int c = 0;                                                                                \
    for (int t = 0; t < n; ++t) {                                                             \
      T v = src[(long)t * inner];                                                             \
      int p;                                                                                  \
      if (c < k) {                                                                            \
        p = c++;                                                                              \
      } else {                                                                                \
        T last = dv[(long)(k - 1) * inner];                                                   \
        if (!(largest ? v > last : v < last)) continue;                                       \
        p = k - 1;                                                                            \
      }                                                                                       \
      while (p > 0) {                                                                         \
        T prev = dv[(long)(p - 1) * inner];                                                   \
        if (!(largest ? v > prev : v < prev)) break;                                          \
        dv[(long)p * inner] = prev;                                                           \
        di[(long)p * inner] = di[(long)(p - 1) * inner];                                      \
        --p;                                                                                  \
      }                                                                                       \
      dv[(long)p * inner] = v;                                                                \
      di[(long)p * inner] = t;                                                                \
    }                                                                                         \
  }
TOPK(float, topk_f32)
TOPK(int, topk_i32)
TOPK(long, topk_i64)
