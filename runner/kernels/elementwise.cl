// Element-wise kernels. Op codes match graph/reference/elementwise.h.

__kernel void unary_f32(__global const float* x, __global float* y, int n, int op, float p0,
                        float p1) {
  int i = get_global_id(0);
  if (i >= n) return;
  float v = x[i], r;
  switch (op) {
    case 0: r = fmax(v, 0.0f); break;
    case 1: r = fmin(fmax(v, p0), p1); break;
    case 2: r = 1.0f / (1.0f + exp(-v)); break;
    case 3: r = -v; break;
    case 4: r = fabs(v); break;
    case 5: r = exp(v); break;
    case 6: r = log(v); break;
    case 7: r = sqrt(v); break;
    case 8: r = erf(v); break;
    case 9: r = tanh(v); break;
    case 10: r = 1.0f / v; break;
    case 11: r = floor(v); break;
    case 12: r = ceil(v); break;
    case 13: r = sin(v); break;
    case 14: r = cos(v); break;
    case 15: r = tan(v); break;
    case 16: r = asin(v); break;
    case 17: r = acos(v); break;
    case 18: r = atan(v); break;
    case 19: r = sinh(v); break;
    case 20: r = cosh(v); break;
    case 21: r = asinh(v); break;
    case 22: r = acosh(v); break;
    case 23: r = atanh(v); break;
    case 24: r = log1p(exp(v)); break;
    case 25: r = v / (1.0f + fabs(v)); break;
    case 26: r = v >= 0.0f ? v : p0 * v; break;
    case 27: r = v >= 0.0f ? v : p0 * (exp(v) - 1.0f); break;
    case 28: r = v > 0.0f ? p1 * v : p1 * (p0 * exp(v) - p0); break;
    case 29: r = fmax(0.0f, fmin(1.0f, p0 * v + p1)); break;
    case 30: r = v * fmax(0.0f, fmin(1.0f, v / 6.0f + 0.5f)); break;
    case 31: r = v > p0 ? v : 0.0f; break;
    case 32: r = fmax(0.0f, v) + fmin(0.0f, p0 * (exp(v / p0) - 1.0f)); break;
    case 33: r = rint(v); break;
    default: r = (float)((v > 0.0f) - (v < 0.0f)); break;
  }
  y[i] = r;
}

// Neg (3), Abs (4), Sign (34), Relu (0), Clip (1, bounds lo/hi) on any
// integer type t (type codes and dt_* helpers: cast.cl). Computed in 64
// bits: long, or ulong for uint64 (the narrower types are exact in long).
__kernel void unary_int(__global const uchar* x, __global uchar* y, int n, int op, int t, long lo,
                        long hi) {
  int i = get_global_id(0);
  if (i >= n) return;
  ulong u = dt_load_int(x, i, t);
  long v = (long)u;
  ulong r;
  if (t == DT_U64) {
    r = op == 1 ? (u < (ulong)lo ? (ulong)lo : u > (ulong)hi ? (ulong)hi : u)
        : op == 3 ? (ulong)0 - u : op == 34 ? (ulong)(u != 0) : u;
  } else {
    r = op == 3 ? (ulong)0 - u
        : op == 4 ? (v < 0 ? (ulong)0 - u : u)
        : op == 34 ? (ulong)(long)((v > 0) - (v < 0))
        : op == 1 ? (ulong)(v < lo ? lo : v > hi ? hi : v)
                  : (ulong)(v > 0 ? v : 0);
  }
  dt_store_int(y, i, t, r);
}

// IsNaN (nan = 1) or IsInf (+inf when pos, -inf when neg) on float32,
// float16, float64 or bfloat16 (type t), from the bits.
__kernel void float_class(__global const uchar* x, __global uchar* y, int n, int t, int nan,
                          int pos, int neg) {
  int i = get_global_id(0);
  if (i >= n) return;
  dt_num v = dt_load(x, i, t);
  y[i] = nan ? v.cls == 2 : v.cls == 1 && (v.neg ? neg : pos);
}

// meta holds, for rank r > 0: out dims[r], then the strides of each input
// (0 on broadcast dims). rank == 0 means all tensors have the same shape.
inline void bcast2(int i, int rank, __global const int* meta, int* ia, int* ib) {
  *ia = i;
  *ib = i;
  if (rank == 0) return;
  int a = 0, b = 0, rem = i;
  for (int d = rank - 1; d >= 0; --d) {
    int idx = rem % meta[d];
    rem /= meta[d];
    a += idx * meta[rank + d];
    b += idx * meta[2 * rank + d];
  }
  *ia = a;
  *ib = b;
}

#define ARITH(T, NAME, DIV, MOD, FMOD, POW, PRELU)                                                  \
  __kernel void NAME(__global const T* a, __global const T* b, __global T* y, int n, int op,  \
                     int rank, __global const int* meta) {                                    \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int ia, ib;                                                                               \
    bcast2(i, rank, meta, &ia, &ib);                                                          \
    T va = a[ia], vb = b[ib], r;                                                              \
    switch (op) {                                                                             \
      case 0: r = va + vb; break;                                                             \
      case 1: r = va - vb; break;                                                             \
      case 2: r = va * vb; break;                                                             \
      case 3: r = DIV; break;                                                                 \
      case 4: r = POW; break;                                                                 \
      case 5: r = va > vb ? va : vb; break;                                                   \
      case 6: r = va < vb ? va : vb; break;                                                   \
      case 7: r = PRELU; break;                                                               \
      case 17: r = FMOD; break;                                                               \
      default: r = MOD; break;                                                                \
    }                                                                                         \
    y[i] = r;                                                                                 \
  }

ARITH(float, binary_f32, va / vb, fmod(va, vb), fmod(va, vb), pow(va, vb),
      (va < 0.0f ? va * vb : va))
#define IMOD(T) (vb == 0 ? (T)0 : ((va % vb != 0 && ((va % vb < 0) != (vb < 0))) ? va % vb + vb : va % vb))
ARITH(long, binary_i64, (vb == 0 ? 0 : va / vb), IMOD(long), (vb == 0 ? 0 : va % vb), 0, 0)
ARITH(int, binary_i32, (vb == 0 ? 0 : va / vb), IMOD(int), (vb == 0 ? 0 : va % vb), 0, 0)

// x^e on 64-bit patterns, wrapping; a negative exponent gives 0 but for
// bases 1 and -1 (graph/reference/elementwise_binary.cc: IntPow).
inline ulong int_pow(ulong x, long e) {
  if (e < 0) return x == 1 ? 1 : x == (ulong)-1 ? ((e & 1) ? x : 1) : 0;
  ulong r = 1;
  for (ulong k = (ulong)e; k; k >>= 1) {
    if (k & 1) r *= x;
    x *= x;
  }
  return r;
}

inline float int_as_float(ulong b, int t) { return t == DT_U64 ? (float)b : (float)(long)b; }

// Any binary op on integer types other than int32/int64 (type codes ta, tb,
// ty; cast.cl), and Pow with base and exponent of different types (float32
// or integers; the output has the base's type). Integers are computed in 64
// bits (ulong for uint64) and wrap to ty, like graph/reference/elementwise.h.
__kernel void binary_any(__global const uchar* a, __global const uchar* b, __global uchar* y,
                         int n, int op, int rank, __global const int* meta, int ta, int tb,
                         int ty) {
  int i = get_global_id(0);
  if (i >= n) return;
  int ia, ib;
  bcast2(i, rank, meta, &ia, &ib);
  if (ta == DT_F32 || tb == DT_F32) {  // Pow, one side float
    float fb = tb == DT_F32 ? ((__global const float*)b)[ib] : int_as_float(dt_load_int(b, ib, tb), tb);
    if (ty == DT_F32) {
      float fa = ta == DT_F32 ? ((__global const float*)a)[ia] : int_as_float(dt_load_int(a, ia, ta), ta);
      ((__global float*)y)[i] = pow(fa, fb);
      return;
    }
    ulong x = dt_load_int(a, ia, ta);
    ulong r;
    if (fb == rint(fb) && fabs(fb) < 0x1p62f) {
      r = int_pow(x, (long)fb);
    } else {
      float p = pow(int_as_float(x, ta), fb);
      r = fabs(p) < 0x1p63f ? (ulong)(long)p : 0;
    }
    dt_store_int(y, i, ty, r);
    return;
  }
  ulong ua = dt_load_int(a, ia, ta), ub = dt_load_int(b, ib, tb);
  long va = (long)ua, vb = (long)ub;
  int u = ta == DT_U64;
  ulong r;
  if (op >= 9 && op <= 13) {
    int lt = u ? ua < ub : va < vb, eq = ua == ub;
    r = op == 9 ? eq : op == 10 ? lt : op == 11 ? !lt && !eq : op == 12 ? lt || eq : !lt;
  } else {
    int m1 = !u && vb == -1;  // x / -1 and x % -1 never trap
    switch (op) {
      case 0: r = ua + ub; break;
      case 1: r = ua - ub; break;
      case 2: r = ua * ub; break;
      case 3: r = ub == 0 ? 0 : m1 ? (ulong)0 - ua : u ? ua / ub : (ulong)(va / vb); break;
      case 4: r = int_pow(ua, vb); break;
      case 5: r = (u ? ua > ub : va > vb) ? ua : ub; break;
      case 6: r = (u ? ua < ub : va < vb) ? ua : ub; break;
      case 17: r = ub == 0 || m1 ? 0 : u ? ua % ub : (ulong)(va % vb); break;
      case 18: r = ub >= 64 ? 0 : ua << ub; break;
      case 19: r = ub >= 64 ? 0 : ua >> ub; break;
      default: {  // Mod: the divisor's sign
        if (ub == 0 || m1) {
          r = 0;
        } else if (u) {
          r = ua % ub;
        } else {
          long m = va % vb;
          r = (ulong)((m != 0 && ((m < 0) != (vb < 0))) ? m + vb : m);
        }
        break;
      }
    }
  }
  dt_store_int(y, i, ty, r);
}

#define COMPARE(T, NAME)                                                                      \
  __kernel void NAME(__global const T* a, __global const T* b, __global uchar* y, int n,      \
                     int op, int rank, __global const int* meta) {                            \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int ia, ib;                                                                               \
    bcast2(i, rank, meta, &ia, &ib);                                                          \
    T va = a[ia], vb = b[ib];                                                                 \
    uchar r;                                                                                  \
    switch (op) {                                                                             \
      case 9: r = va == vb; break;                                                            \
      case 10: r = va < vb; break;                                                            \
      case 11: r = va > vb; break;                                                            \
      case 12: r = va <= vb; break;                                                           \
      default: r = va >= vb; break;                                                           \
    }                                                                                         \
    y[i] = r;                                                                                 \
  }

COMPARE(float, compare_f32)
COMPARE(long, compare_i64)
COMPARE(int, compare_i32)

// float64 in double, built where the device has fp64 (the runner uses them
// only then: runner/cl/fp64.h). Unary kinds: reference::Float64Unary.
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
ARITH(double, binary_f64, va / vb, fmod(va, vb), fmod(va, vb), pow(va, vb),
      (va < 0.0 ? va * vb : va))
COMPARE(double, compare_f64)

__kernel void unary_f64(__global const double* x, __global double* y, int n, int op) {
  int i = get_global_id(0);
  if (i >= n) return;
  double v = x[i], r;
  switch (op) {
    case 0: r = v > 0.0 ? v : 0.0; break;
    case 3: r = -v; break;
    case 4: r = fabs(v); break;
    case 5: r = exp(v); break;
    case 6: r = log(v); break;
    case 7: r = sqrt(v); break;
    case 10: r = 1.0 / v; break;
    case 11: r = floor(v); break;
    case 12: r = ceil(v); break;
    case 33: r = rint(v); break;
    default: r = (double)((v > 0.0) - (v < 0.0)); break;
  }
  y[i] = r;
}
#endif

__kernel void logic_u8(__global const uchar* a, __global const uchar* b, __global uchar* y, int n,
                       int op, int rank, __global const int* meta) {
  int i = get_global_id(0);
  if (i >= n) return;
  int ia, ib;
  bcast2(i, rank, meta, &ia, &ib);
  bool u = a[ia] != 0, v = b[ib] != 0;
  y[i] = op == 14 ? (u && v) : op == 15 ? (u || v) : op == 16 ? (u != v) : (u == v);
}

__kernel void not_u8(__global const uchar* x, __global uchar* y, int n) {
  int i = get_global_id(0);
  if (i < n) y[i] = x[i] == 0;
}

// meta: out dims[r], cond strides[r], a strides[r], b strides[r].
#define WHERE(T, NAME)                                                                        \
  __kernel void NAME(__global const uchar* c, __global const T* a, __global const T* b,       \
                     __global T* y, int n, int rank, __global const int* meta) {              \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int ic = 0, ia = 0, ib = 0, rem = i;                                                      \
    for (int d = rank - 1; d >= 0; --d) {                                                     \
      int idx = rem % meta[d];                                                                \
      rem /= meta[d];                                                                         \
      ic += idx * meta[rank + d];                                                             \
      ia += idx * meta[2 * rank + d];                                                         \
      ib += idx * meta[3 * rank + d];                                                         \
    }                                                                                         \
    y[i] = c[ic] ? a[ia] : b[ib];                                                             \
  }

WHERE(uchar, where_8)
WHERE(ushort, where_16)
WHERE(uint, where_32)
WHERE(ulong, where_64)
