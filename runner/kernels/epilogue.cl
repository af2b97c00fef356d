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
