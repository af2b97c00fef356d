// ReverseSequence: y[i] = x[i with time t -> len[b] - 1 - t] where t <
// len[b] (graph/reference/reverse_sequence.h); lengths clamped to [0, steps].
// Typed by element size and the lengths' type.
#define REVERSE_SEQUENCE(T, TI, NAME)                                                         \
  __kernel void NAME(__global const T* x, __global const TI* lens, __global T* y, int n,      \
                     int steps, int time_stride, int batches, int batch_stride) {             \
    int i = get_global_id(0);                                                                 \
    if (i >= n) return;                                                                       \
    int t = (i / time_stride) % steps, b = (i / batch_stride) % batches;                      \
    long len = lens[b];                                                                       \
    len = len < 0 ? 0 : len > steps ? steps : len;                                            \
    y[i] = x[t < len ? i + (len - 1 - 2 * t) * time_stride : i];                              \
  }
REVERSE_SEQUENCE(uchar, long, reverse_sequence_8_i64)
REVERSE_SEQUENCE(ushort, long, reverse_sequence_16_i64)
REVERSE_SEQUENCE(uint, long, reverse_sequence_32_i64)
REVERSE_SEQUENCE(ulong, long, reverse_sequence_64_i64)
REVERSE_SEQUENCE(uchar, int, reverse_sequence_8_i32)
REVERSE_SEQUENCE(ushort, int, reverse_sequence_16_i32)
REVERSE_SEQUENCE(uint, int, reverse_sequence_32_i32)
REVERSE_SEQUENCE(ulong, int, reverse_sequence_64_i32)
