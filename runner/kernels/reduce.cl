// Reductions and ArgMax/ArgMin. Codes match graph/reference/reduce.h.
// LayerNormalization: layer_norm.cl.

// One work item per output element. meta: nk kept dims, nk kept strides,
// nr reduced dims, nr reduced strides (strides of x).
__kernel void reduce_f32(__global const float* x, __global float* y, int nout, int op, int nk,
                         int nr, __global const int* meta) {
  int o = get_global_id(0);
  if (o >= nout) return;
  __global const int* kd = meta;
  __global const int* ks = meta + nk;
  __global const int* rd = meta + 2 * nk;
  __global const int* rs = meta + 2 * nk + nr;
  int base = 0, rem = o;
  for (int d = nk - 1; d >= 0; --d) {
    base += (rem % kd[d]) * ks[d];
    rem /= kd[d];
  }
  int nred = 1;
  for (int d = 0; d < nr; ++d) nred *= rd[d];
  float mx = -INFINITY;
  if (op == 9) {
    for (int t = 0; t < nred; ++t) {
      int off = base, r = t;
      for (int d = nr - 1; d >= 0; --d) {
        off += (r % rd[d]) * rs[d];
        r /= rd[d];
      }
      mx = fmax(mx, x[off]);
    }
  }
  float acc = op == 4 ? 1.0f : op == 2 ? -INFINITY : op == 3 ? INFINITY : 0.0f;
  for (int t = 0; t < nred; ++t) {
    int off = base, r = t;
    for (int d = nr - 1; d >= 0; --d) {
      off += (r % rd[d]) * rs[d];
      r /= rd[d];
    }
    float v = x[off];
    switch (op) {
      case 2: acc = fmax(acc, v); break;
      case 3: acc = fmin(acc, v); break;
      case 4: acc *= v; break;
      case 5: acc += fabs(v); break;
      case 6: case 7: acc += v * v; break;
      case 9: acc += exp(v - mx); break;
      default: acc += v; break;
    }
  }
  if (op == 1) acc /= (float)nred;
  if (op == 6) acc = sqrt(acc);
  if (op == 8) acc = log(acc);
  if (op == 9) acc = mx + log(acc);
  y[o] = acc;
}

// ArgMax (op 0) / ArgMin (op 1) along one axis: x viewed as [outer, extent,
// inner]; y[o * inner + q] is the index (int64) of the first (or last) extreme.
__kernel void arg_reduce_f32(__global const float* x, __global long* y, int outer, int extent,
                             int inner, int op, int last) {
  int i = get_global_id(0);
  if (i >= outer * inner) return;
  int o = i / inner, q = i % inner;
  int base = o * extent * inner + q;
  float best = x[base];
  int arg = 0;
  for (int d = 1; d < extent; ++d) {
    float v = x[base + d * inner];
    bool better = op == 0 ? (last ? v >= best : v > best) : (last ? v <= best : v < best);
    if (better) {
      best = v;
      arg = d;
    }
  }
  y[i] = arg;
}
