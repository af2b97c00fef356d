// Pad, every mode and element type in one kernel: values are only moved, so
// an element is `words` 32-bit words (1: float32/int32, 2: int64). Modes and
// the cropping rule match graph/reference/pad.h.

#define PAD_CONSTANT 0
#define PAD_REFLECT 1
#define PAD_EDGE 2
#define PAD_WRAP 3

// meta: per axis d (5 ints at 5*d): output extent, first source index kept
// (lo), source extent kept (len), elements added in front, input stride (in
// elements). n: output elements; fill_lo/fill_hi: the constant's words.
__kernel void pad_words(__global const uint* x, __global uint* y, int n, int rank,
                        __global const int* meta, uint fill_lo, uint fill_hi, int mode,
                        int words) {
  int i = get_global_id(0);
  if (i >= n) return;
  int rem = i, at = 0;
  for (int d = rank - 1; d >= 0; --d) {
    __global const int* m = meta + 5 * d;
    int o = rem % m[0];
    rem /= m[0];
    int len = m[2];
    int c = o - m[3];
    if (c < 0 || c >= len) {
      if (mode == PAD_CONSTANT) {
        y[i * words] = fill_lo;
        if (words == 2) y[i * words + 1] = fill_hi;
        return;
      } else if (mode == PAD_EDGE) {
        c = clamp(c, 0, len - 1);
      } else if (mode == PAD_WRAP) {
        c = ((c % len) + len) % len;
      } else if (len == 1) {
        c = 0;
      } else {
        int period = 2 * (len - 1);
        c = ((c % period) + period) % period;
        if (c >= len) c = period - c;
      }
    }
    at += (m[1] + c) * m[4];
  }
  y[i * words] = x[at * words];
  if (words == 2) y[i * words + 1] = x[at * words + 1];
}
