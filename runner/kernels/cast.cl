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

// ---- Any element type to any other (cast_any), exactly. ----
// Type codes are graph::DType's order (graph/tensor.h): keep them in sync.
// Floats are converted by bit manipulation on integer words, so float64
// (and bfloat16) need no cl_khr_fp64 and every device builds this program.
// elementwise.cl reuses the load/store helpers (this file sorts before it).
#define DT_F32 0
#define DT_I64 1
#define DT_I32 2
#define DT_BOOL 3
#define DT_I8 4
#define DT_U8 5
#define DT_F16 6
#define DT_F64 7
#define DT_BF16 8
#define DT_I16 9
#define DT_U16 10
#define DT_U32 11
#define DT_U64 12

inline int dt_signed(int t) { return t == DT_I64 || t == DT_I32 || t == DT_I16 || t == DT_I8; }

// Element i of an integer or bool tensor as 64 bits: signed types
// sign-extended, unsigned ones zero-extended (uint64: its bits).
inline ulong dt_load_int(__global const uchar* p, int i, int t) {
  switch (t) {
    case DT_I64: case DT_U64: return ((__global const ulong*)p)[i];
    case DT_I32: return (ulong)(long)((__global const int*)p)[i];
    case DT_U32: return ((__global const uint*)p)[i];
    case DT_I16: return (ulong)(long)((__global const short*)p)[i];
    case DT_U16: return ((__global const ushort*)p)[i];
    case DT_I8: return (ulong)(long)((__global const char*)p)[i];
    case DT_BOOL: return p[i] != 0;
    default: return p[i];
  }
}

// Stores the low bits of v (wrapping, like a C cast); bool stores v != 0.
inline void dt_store_int(__global uchar* p, int i, int t, ulong v) {
  switch (t) {
    case DT_I64: case DT_U64: ((__global ulong*)p)[i] = v; break;
    case DT_I32: case DT_U32: ((__global uint*)p)[i] = (uint)v; break;
    case DT_I16: case DT_U16: ((__global ushort*)p)[i] = (ushort)v; break;
    case DT_BOOL: p[i] = v != 0; break;
    default: p[i] = (uchar)v; break;
  }
}

// A number: cls 0 finite, (-1)^neg * sig * 2^ex; 1 infinity; 2 NaN.
typedef struct {
  int cls, neg, ex;
  ulong sig;
} dt_num;

// An IEEE binary format with mbits stored mantissa bits and ebits exponent bits.
inline dt_num dt_unpack_float(ulong bits, int mbits, int ebits) {
  dt_num r;
  int emax = (1 << ebits) - 1, bias = (1 << (ebits - 1)) - 1;
  int e = (int)((bits >> mbits) & (ulong)emax);
  r.neg = (int)((bits >> (mbits + ebits)) & 1);
  r.sig = bits & (((ulong)1 << mbits) - 1);
  r.cls = e == emax ? (r.sig ? 2 : 1) : 0;
  r.ex = (e == 0 ? 1 : e) - bias - mbits;
  if (e != 0) r.sig |= (ulong)1 << mbits;
  return r;
}

// Rounds to nearest, ties to even; overflow gives infinity.
inline ulong dt_pack_float(dt_num v, int mbits, int ebits) {
  int emax = (1 << ebits) - 1, bias = (1 << (ebits - 1)) - 1;
  ulong sign = (ulong)v.neg << (mbits + ebits);
  ulong inf = (ulong)emax << mbits;
  if (v.cls == 2) return sign | inf | ((ulong)1 << (mbits - 1));
  if (v.cls == 1 || (v.cls == 0 && v.sig == 0)) return sign | (v.cls == 1 ? inf : 0);
  int e = 63 - (int)clz(v.sig) + v.ex;  // exponent of the leading bit
  int emin = 1 - bias;
  if (e + bias >= emax) return sign | inf;
  int s = (e < emin ? emin : e) - mbits - v.ex;  // bits to drop
  ulong m;
  if (s <= 0) {
    m = v.sig << (-s);
  } else {
    ulong keep = s >= 64 ? 0 : v.sig >> s;
    ulong rem = s >= 64 ? v.sig : v.sig & (((ulong)1 << s) - 1);
    ulong hw = s > 64 ? 0 : (ulong)1 << (s - 1);
    m = keep + (s <= 64 && (rem > hw || (rem == hw && (keep & 1))));
  }
  // Subnormal: the mantissa alone (a carry makes it the smallest normal).
  // Normal: a carry out of the mantissa bumps the exponent, up to infinity.
  ulong bits = e < emin ? m : ((ulong)(e + bias) << mbits) + m - ((ulong)1 << mbits);
  return sign | (bits >= inf ? inf : bits);
}

inline dt_num dt_load(__global const uchar* p, int i, int t) {
  switch (t) {
    case DT_F32: return dt_unpack_float(((__global const uint*)p)[i], 23, 8);
    case DT_F64: return dt_unpack_float(((__global const ulong*)p)[i], 52, 11);
    case DT_F16: return dt_unpack_float(((__global const ushort*)p)[i], 10, 5);
    case DT_BF16: return dt_unpack_float(((__global const ushort*)p)[i], 7, 8);
  }
  ulong b = dt_load_int(p, i, t);
  dt_num r;
  r.cls = 0;
  r.ex = 0;
  r.neg = dt_signed(t) && (long)b < 0;
  r.sig = r.neg ? (ulong)0 - b : b;
  return r;
}

// Floats to integers truncate toward zero and wrap; NaN and inf give 0.
inline void dt_store(__global uchar* p, int i, int t, dt_num v) {
  switch (t) {
    case DT_F32: ((__global uint*)p)[i] = (uint)dt_pack_float(v, 23, 8); return;
    case DT_F64: ((__global ulong*)p)[i] = dt_pack_float(v, 52, 11); return;
    case DT_F16: ((__global ushort*)p)[i] = (ushort)dt_pack_float(v, 10, 5); return;
    case DT_BF16: ((__global ushort*)p)[i] = (ushort)dt_pack_float(v, 7, 8); return;
    case DT_BOOL: p[i] = v.cls != 0 || v.sig != 0; return;
  }
  ulong mag = 0;
  if (v.cls == 0) {
    mag = v.ex >= 0 ? (v.ex >= 64 ? 0 : v.sig << v.ex) : (v.ex <= -64 ? 0 : v.sig >> (-v.ex));
  }
  dt_store_int(p, i, t, v.neg ? (ulong)0 - mag : mag);
}

__kernel void cast_any(__global const uchar* x, __global uchar* y, int n, int from, int to) {
  int i = get_global_id(0);
  if (i < n) dt_store(y, i, to, dt_load(x, i, from));
}

// float64 -> float32 for the half adapter: *overflow = 1 when a finite
// value is beyond the float32 range (the runner then refuses the run
// instead of computing with inf).
__kernel void cast_f64_f32_checked(__global const ulong* x, __global float* y, int n,
                                   __global int* overflow) {
  int i = get_global_id(0);
  if (i >= n) return;
  dt_num v = dt_unpack_float(x[i], 52, 11);
  uint b = (uint)dt_pack_float(v, 23, 8);
  if (v.cls == 0 && (b & 0x7fffffffu) == 0x7f800000u) *overflow = 1;
  ((__global uint*)y)[i] = b;
}
