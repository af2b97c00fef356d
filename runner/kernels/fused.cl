// The epilogue of the fused operators (ai.campaign FusedConv / FusedGemm /
// FusedMatMul), in place: y[i] = act(y[i] + bias[i % bias_len]).
// bias_len == 0: no bias. campaign_activate: activation.cl.

__kernel void epilogue_f32(__global float* y, __global const float* bias, int bias_len, int n,
                           int act, float alpha, float beta) {
  int i = get_global_id(0);
  if (i >= n) return;
  float v = y[i];
  if (bias_len > 0) v += bias[i % bias_len];
  y[i] = campaign_activate(v, act, alpha, beta);
}

// The same epilogue with a residual r (as many elements as y, in y's order)
// added before the activation: y[i] = act(y[i] + bias[i % bias_len] + r[i]).
__kernel void epilogue_residual_f32(__global float* y, __global const float* bias, int bias_len,
                                    __global const float* r, int n, int act, float alpha,
                                    float beta) {
  int i = get_global_id(0);
  if (i >= n) return;
  float v = y[i] + r[i];
  if (bias_len > 0) v += bias[i % bias_len];
  float o;
  switch (act) {
    case 1: o = fmax(v, 0.0f); break;
    case 2: o = fmin(fmax(v, alpha), beta); break;
    case 3: o = 1.0f / (1.0f + exp(-v)); break;
    case 4: o = fmax(0.0f, fmin(1.0f, alpha * v + beta)); break;
    case 5: o = v * fmax(0.0f, fmin(1.0f, v / 6.0f + 0.5f)); break;
    case 6: o = v / (1.0f + exp(-v)); break;
    case 7: o = 0.5f * v * (1.0f + erf(v * 0.70710678118654752f)); break;
    case 8: o = 0.5f * v * (1.0f + tanh(0.79788456080286536f * (v + 0.044715f * v * v * v))); break;
    case 9: o = v >= 0.0f ? v : alpha * v; break;
    default: o = v; break;
  }
  y[i] = o;
}
