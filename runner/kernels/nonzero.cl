// NonZero and Compress (runner/ops/nonzero.cc). Elements are read by their
// bytes (esize bytes each; with is_float the sign bit of the last byte is
// ignored, so -0.0 is zero), as graph/reference/nonzero.h does. The scans
// are one work item each (item 0): they write the count the executor reads
// back to size what follows.

int nonzero_at(__global const uchar* x, long i, int esize, int is_float) {
  __global const uchar* p = x + i * esize;
  for (int b = 0; b < esize; ++b) {
    uchar v = p[b];
    if (b + 1 == esize && is_float) v &= (uchar)0x7f;
    if (v) return 1;
  }
  return 0;
}

// y[d * count + j]: coordinate d of the j-th nonzero element; count[0] = count.
__kernel void nonzero_scan(__global const uchar* x, long n, int esize, int is_float,
                           __global long* y, int rank, __global const int* dims,
                           __global int* count) {
  if (get_global_id(0) != 0) return;
  int c = 0;
  for (long i = 0; i < n; ++i) c += nonzero_at(x, i, esize, is_float);
  count[0] = c;
  int j = 0;
  for (long i = 0; i < n; ++i) {
    if (!nonzero_at(x, i, esize, is_float)) continue;
    long rest = i;
    for (int d = rank - 1; d >= 0; --d) {
      y[(long)d * c + j] = rest % dims[d];
      rest /= dims[d];
    }
    ++j;
  }
}

// idx[j]: position of the j-th true entry among the first len; count[0] = count.
__kernel void nonzero_compress_index(__global const uchar* cond, int len, __global int* idx,
                                     __global int* count) {
  if (get_global_id(0) != 0) return;
  int c = 0;
  for (int i = 0; i < len; ++i) {
    if (cond[i]) idx[c++] = i;
  }
  count[0] = c;
}

// One work item per byte of the bound output [outer, bound, row_bytes]; those
// beyond the count do nothing. The output is dense in its actual shape.
__kernel void nonzero_compress_gather(__global const uchar* x, __global uchar* y,
                                      __global const int* idx, __global const int* count,
                                      int outer, int extent, int bound, long row_bytes) {
  long g = get_global_id(0);
  long total = (long)outer * bound * row_bytes;
  if (g >= total) return;
  long b = g % row_bytes;
  long rest = g / row_bytes;
  int j = (int)(rest % bound);
  int o = (int)(rest / bound);
  int c = count[0];
  if (j >= c) return;
  y[((long)o * c + j) * row_bytes + b] = x[((long)o * extent + idx[j]) * row_bytes + b];
}
