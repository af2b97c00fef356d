// The fused operators' activations, shared by every kernel with an epilogue
// (fused.cl, conv_fused.cl, conv_implicit.cl). Codes and formulas match
// graph/reference/activation.h. Kernel files are concatenated sorted by
// name, so this one comes first.

inline float campaign_activate(float v, int act, float alpha, float beta) {
  switch (act) {
    case 1: return fmax(v, 0.0f);
    case 2: return fmin(fmax(v, alpha), beta);
    case 3: return 1.0f / (1.0f + exp(-v));
    case 4: return fmax(0.0f, fmin(1.0f, alpha * v + beta));
    case 5: return v * fmax(0.0f, fmin(1.0f, v / 6.0f + 0.5f));
    case 6: return v / (1.0f + exp(-v));
    case 7: return 0.5f * v * (1.0f + erf(v * 0.70710678118654752f));
    case 8: return 0.5f * v * (1.0f + tanh(0.79788456080286536f * (v + 0.044715f * v * v * v)));
    case 9: return v >= 0.0f ? v : alpha * v;
    default: return v;
  }
}
