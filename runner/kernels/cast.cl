// Cast between float32, int64, int32 and bool (the float16 casts are in
// half.cl).

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
