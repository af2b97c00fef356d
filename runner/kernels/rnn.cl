// LSTM, GRU and RNN time steps (graph/reference/rnn.h has the formulas).
// The input projections X W^T of every step come from one GEMM before the
// steps (xw: [D][rows][G*H], rows ordered as X's); each launch of rnn_step
// advances every (direction, batch, hidden unit) by one step. GRU with
// linear_before_reset = 0 first runs rnn_gru_reset for r . H(t-1).
//
// Shared arguments: meta holds the B sequence lengths, then per activation
// (RnnActivationCount per direction, forward first) its code and the bits
// of alpha and beta. hstate: two halves of [D][B][H], step s reads half
// s & 1 (initial_h at step 0) and writes the other. cstate [D][B][H] (LSTM)
// is updated in place. R is read through strides (r_row, r_k): as stored
// ([D][G*H][H]: H, 1) or, when it is a constant, transposed at load time
// ([D][H][G*H]: 1, G*H) so that neighbouring hidden units read neighbouring
// words. Activation codes match graph/reference/rnn.h.

#define RNN_HAS_BIAS 1
#define RNN_HAS_PEEP 2
#define RNN_HAS_H0 4
#define RNN_HAS_C0 8
#define RNN_HAS_Y 16
#define RNN_HAS_YH 32
#define RNN_HAS_YC 64
#define RNN_REVERSE 128
#define RNN_HAS_CLIP 256
#define RNN_INPUT_FORGET 512
#define RNN_LINEAR_BEFORE_RESET 1024

#define RNN_CELL_RNN 0
#define RNN_CELL_GRU 1
#define RNN_CELL_LSTM 2

inline float rnn_activate(float x, __global const int* fn) {
  const float a = as_float(fn[1]), b = as_float(fn[2]);
  switch (fn[0]) {
    case 0: return 1.0f / (1.0f + exp(-x));
    case 1: return tanh(x);
    case 2: return fmax(x, 0.0f);
    case 3: return a * x + b;
    case 4: return x >= 0.0f ? x : a * x;
    case 5: return x > a ? x : 0.0f;
    case 6: return a * tanh(b * x);
    case 7: return fmin(fmax(a * x + b, 0.0f), 1.0f);
    case 8: return x >= 0.0f ? x : a * (exp(x) - 1.0f);
    case 9: return x / (1.0f + fabs(x));
    case 10: return log1p(exp(x));
    default: return x;
  }
}

inline float rnn_clip(float v, int flags, float clip) {
  return (flags & RNN_HAS_CLIP) ? clamp(v, -clip, clip) : v;
}

// a[0..n) . b[0], b[stride], ..., b[(n-1) stride]
inline float rnn_dot(__global const float* a, __global const float* b, int n, int stride) {
  float s = 0.0f;
  for (int k = 0; k < n; ++k) s += a[k] * b[k * stride];
  return s;
}

// Where one work item (d, b, j) stands at step `step`.
typedef struct {
  int d, b, j;
  int len, t;      // sequence length; the time step (valid when active)
  int active;      // step < len
  int sidx;        // [D][B][H] index of the work item
  int lidx;        // the same in the states' layout (initial_h, Y_h)
  int prev_zero;   // H(t-1) is all zeros (step 0 without initial_h)
  int prev_at;     // H(t-1) row offset in prev_buf
  int r_row, r_k;  // R's element (d, row, k) sits at d*G*H*H + row*r_row + k*r_k
} RnnItem;

inline RnnItem rnn_item(int gid, int D, int B, int S, int H, int layout, int flags, int step,
                        __global const int* meta, int r_row, int r_k) {
  RnnItem it;
  it.r_row = r_row;
  it.r_k = r_k;
  it.j = gid % H;
  it.b = (gid / H) % B;
  it.d = gid / (H * B);
  it.len = meta[it.b];
  it.active = step < it.len;
  const int reversed = (flags & RNN_REVERSE) || it.d == 1;
  it.t = reversed ? it.len - 1 - step : step;
  it.sidx = (it.d * B + it.b) * H + it.j;
  it.lidx = layout == 0 ? it.sidx : (it.b * D + it.d) * H + it.j;
  it.prev_zero = step == 0 && !(flags & RNN_HAS_H0);
  it.prev_at = step == 0 ? it.lidx - it.j : (step & 1) * D * B * H + it.sidx - it.j;
  return it;
}

// The pre-activation of gate g: X W^T + Wb (+ H(t-1) R^T + Rb when
// with_r), for the work item's unit.
inline float rnn_gate(const RnnItem* it, int g, int with_r, __global const float* xw,
                      __global const float* r, __global const float* bias,
                      __global const float* prev, int D, int B, int S, int H, int G, int layout,
                      int flags) {
  const int rows = S * B;
  const int row = layout == 0 ? it->t * B + it->b : it->b * S + it->t;
  const int gj = g * H + it->j;
  float v = xw[((size_t)it->d * rows + row) * G * H + gj];
  if (flags & RNN_HAS_BIAS) v += bias[it->d * 2 * G * H + gj];
  if (with_r) {
    if (!it->prev_zero) {
      v += rnn_dot(prev + it->prev_at, r + (size_t)it->d * G * H * H + gj * it->r_row, H, it->r_k);
    }
    if (flags & RNN_HAS_BIAS) v += bias[it->d * 2 * G * H + G * H + gj];
  }
  return v;
}

// GRU (linear_before_reset = 0), before rnn_step: rh = r . H(t-1).
__kernel void rnn_gru_reset(__global const float* xw, __global const float* r,
                            __global const float* bias, __global const float* h0,
                            __global const float* hstate, __global float* rh,
                            __global const int* meta, int D, int B, int S, int H, int layout,
                            int flags, float clip, int r_row, int r_k, int step) {
  const int gid = get_global_id(0);
  if (gid >= D * B * H) return;
  RnnItem it = rnn_item(gid, D, B, S, H, layout, flags, step, meta, r_row, r_k);
  if (!it.active) return;
  __global const float* prev = step == 0 ? h0 : hstate;
  const float hp = it.prev_zero ? 0.0f : prev[it.prev_at + it.j];
  __global const int* act = meta + B + it.d * 2 * 3;
  const float rg = rnn_activate(
      rnn_clip(rnn_gate(&it, 1, 1, xw, r, bias, prev, D, B, S, H, 3, layout, flags), flags, clip),
      act);
  rh[it.sidx] = rg * hp;
}

// One step of every (direction, batch, hidden unit).
__kernel void rnn_step(__global const float* xw, __global const float* r,
                       __global const float* bias, __global const float* peep,
                       __global const float* h0, __global const float* c0, __global float* hstate,
                       __global float* cstate, __global const float* rh, __global float* y,
                       __global float* yh, __global float* yc, __global const int* meta, int cell,
                       int D, int B, int S, int H, int layout, int flags, float clip, int r_row,
                       int r_k, int step) {
  const int gid = get_global_id(0);
  if (gid >= D * B * H) return;
  RnnItem it = rnn_item(gid, D, B, S, H, layout, flags, step, meta, r_row, r_k);
  __global const float* prev = step == 0 ? h0 : hstate;
  const float hp = it.prev_zero ? 0.0f : prev[it.prev_at + it.j];
  const int G = cell == RNN_CELL_LSTM ? 4 : cell == RNN_CELL_GRU ? 3 : 1;
  const int na = cell == RNN_CELL_LSTM ? 3 : cell == RNN_CELL_GRU ? 2 : 1;
  __global const int* act = meta + B + it.d * na * 3;
  float h_new, c_new = 0.0f;
  if (!it.active) {
    // Past the sequence: Y is zero, the state stays (zero when len == 0).
    if (flags & RNN_HAS_Y) {
      const int at = layout == 0 ? ((step * D + it.d) * B + it.b) * H + it.j
                                 : ((it.b * S + step) * D + it.d) * H + it.j;
      y[at] = 0.0f;
    }
    h_new = it.len == 0 ? 0.0f : hp;
    if (cell == RNN_CELL_LSTM) {
      c_new = it.len == 0 ? 0.0f : cstate[it.sidx];
      cstate[it.sidx] = c_new;
    }
  } else if (cell == RNN_CELL_RNN) {
    h_new = rnn_activate(
        rnn_clip(rnn_gate(&it, 0, 1, xw, r, bias, prev, D, B, S, H, G, layout, flags), flags, clip),
        act);
  } else if (cell == RNN_CELL_GRU) {
    const float z = rnn_activate(
        rnn_clip(rnn_gate(&it, 0, 1, xw, r, bias, prev, D, B, S, H, G, layout, flags), flags, clip),
        act);
    float v = rnn_gate(&it, 2, 0, xw, r, bias, prev, D, B, S, H, G, layout, flags);
    const float rbh = (flags & RNN_HAS_BIAS) ? bias[it.d * 6 * H + 5 * H + it.j] : 0.0f;
    __global const float* rj = r + (size_t)it.d * 3 * H * H + (2 * H + it.j) * r_row;
    if (flags & RNN_LINEAR_BEFORE_RESET) {
      const float rg = rnn_activate(
          rnn_clip(rnn_gate(&it, 1, 1, xw, r, bias, prev, D, B, S, H, G, layout, flags), flags,
                   clip),
          act);
      const float hr = it.prev_zero ? 0.0f : rnn_dot(prev + it.prev_at, rj, H, r_k);
      v += rg * (hr + rbh);
    } else {
      v += rnn_dot(rh + it.sidx - it.j, rj, H, r_k) + rbh;
    }
    const float ht = rnn_activate(rnn_clip(v, flags, clip), act + 3);
    h_new = (1.0f - z) * ht + z * hp;
  } else {
    const float c_prev = step > 0 ? cstate[it.sidx] : (flags & RNN_HAS_C0) ? c0[it.lidx] : 0.0f;
    const int pd = it.d * 3 * H + it.j;
    const int peep_on = flags & RNN_HAS_PEEP;
    const float ig = rnn_activate(
        rnn_clip(rnn_gate(&it, 0, 1, xw, r, bias, prev, D, B, S, H, G, layout, flags) +
                     (peep_on ? peep[pd] * c_prev : 0.0f),
                 flags, clip),
        act);
    float fg;
    if (flags & RNN_INPUT_FORGET) {
      fg = 1.0f - ig;
    } else {
      fg = rnn_activate(
          rnn_clip(rnn_gate(&it, 2, 1, xw, r, bias, prev, D, B, S, H, G, layout, flags) +
                       (peep_on ? peep[pd + 2 * H] * c_prev : 0.0f),
                   flags, clip),
          act);
    }
    const float cg = rnn_activate(
        rnn_clip(rnn_gate(&it, 3, 1, xw, r, bias, prev, D, B, S, H, G, layout, flags), flags, clip),
        act + 3);
    c_new = fg * c_prev + ig * cg;
    const float og = rnn_activate(
        rnn_clip(rnn_gate(&it, 1, 1, xw, r, bias, prev, D, B, S, H, G, layout, flags) +
                     (peep_on ? peep[pd + H] * c_new : 0.0f),
                 flags, clip),
        act);
    h_new = og * rnn_activate(rnn_clip(c_new, flags, clip), act + 6);
    cstate[it.sidx] = c_new;
  }
  if (it.active && (flags & RNN_HAS_Y)) {
    const int at = layout == 0 ? ((it.t * D + it.d) * B + it.b) * H + it.j
                               : ((it.b * S + it.t) * D + it.d) * H + it.j;
    y[at] = h_new;
  }
  hstate[((step + 1) & 1) * D * B * H + it.sidx] = h_new;
  if (step == S - 1) {
    if (flags & RNN_HAS_YH) yh[it.lidx] = h_new;
    if (cell == RNN_CELL_LSTM && (flags & RNN_HAS_YC)) yc[it.lidx] = c_new;
  }
}
