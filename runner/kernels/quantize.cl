// QuantizeLinear / DequantizeLinear (graph/reference/quantize.h). Element i
// uses scale and zero point (i / inner) % channels (channels = 1 for
// per-tensor). Without a zero point, has_zp is 0 and zp is not read.

#define QUANTIZE(T, NAME, LO, HI)                                                             \
  __kernel void NAME(__global const float* x, __global const float* scale,                    \
                     __global const T* zp, __global T* y, int n, int inner, int channels,     \
                     int has_zp) {                                                            \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int k = (i / inner) % channels;                                                           \
    float z = has_zp ? (float)zp[k] : 0.0f;                                                   \
    /* rint rounds half to even (x / scale: IEEE division on PoCL CPU). */                   \
    y[i] = (T)clamp(rint(x[i] / scale[k]) + z, LO, HI);                                       \
  }
QUANTIZE(char, quantize_i8, -128.0f, 127.0f)
QUANTIZE(uchar, quantize_u8, 0.0f, 255.0f)

#define DEQUANTIZE(T, NAME)                                                                   \
  __kernel void NAME(__global const T* x, __global const float* scale, __global const T* zp,  \
                     __global float* y, int n, int inner, int channels, int has_zp) {         \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int k = (i / inner) % channels;                                                           \
    float z = has_zp ? (float)zp[k] : 0.0f;                                                   \
    y[i] = ((float)x[i] - z) * scale[k];                                                      \
  }
DEQUANTIZE(char, dequantize_i8)
DEQUANTIZE(uchar, dequantize_u8)
DEQUANTIZE(int, dequantize_i32)
