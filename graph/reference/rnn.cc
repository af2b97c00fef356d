#include "graph/reference/rnn.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace campaign::graph::reference {

int RnnGateCount(RnnCell cell) {
  return cell == RnnCell::kLstm ? 4 : cell == RnnCell::kGru ? 3 : 1;
}

int RnnActivationCount(RnnCell cell) {
  return cell == RnnCell::kLstm ? 3 : cell == RnnCell::kGru ? 2 : 1;
}

std::optional<RnnActivation> RnnActivationFromName(std::string_view name) {
  std::string n(name);
  for (char& ch : n) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (n == "sigmoid") return RnnActivation::kSigmoid;
  if (n == "tanh") return RnnActivation::kTanh;
  if (n == "relu") return RnnActivation::kRelu;
  if (n == "affine") return RnnActivation::kAffine;
  if (n == "leakyrelu") return RnnActivation::kLeakyRelu;
  if (n == "thresholdedrelu") return RnnActivation::kThresholdedRelu;
  if (n == "scaledtanh") return RnnActivation::kScaledTanh;
  if (n == "hardsigmoid") return RnnActivation::kHardSigmoid;
  if (n == "elu") return RnnActivation::kElu;
  if (n == "softsign") return RnnActivation::kSoftsign;
  if (n == "softplus") return RnnActivation::kSoftplus;
  return std::nullopt;
}

bool RnnActivationUsesAlpha(RnnActivation a) {
  switch (a) {
    case RnnActivation::kAffine:
    case RnnActivation::kLeakyRelu:
    case RnnActivation::kThresholdedRelu:
    case RnnActivation::kScaledTanh:
    case RnnActivation::kHardSigmoid:
    case RnnActivation::kElu:
      return true;
    default:
      return false;
  }
}

bool RnnActivationUsesBeta(RnnActivation a) {
  return a == RnnActivation::kAffine || a == RnnActivation::kScaledTanh ||
         a == RnnActivation::kHardSigmoid;
}

float RnnDefaultAlpha(RnnActivation a) {
  switch (a) {
    case RnnActivation::kLeakyRelu:
      return 0.01f;
    case RnnActivation::kHardSigmoid:
      return 0.2f;
    default:
      return 1.0f;
  }
}

float RnnDefaultBeta(RnnActivation a) {
  switch (a) {
    case RnnActivation::kHardSigmoid:
      return 0.5f;
    case RnnActivation::kScaledTanh:
      return 1.0f;
    default:
      return 0.0f;
  }
}

float RnnActivate(const RnnActivationFn& f, float x) {
  const float a = f.alpha, b = f.beta;
  switch (f.kind) {
    case RnnActivation::kSigmoid:
      return 1.0f / (1.0f + std::exp(-x));
    case RnnActivation::kTanh:
      return std::tanh(x);
    case RnnActivation::kRelu:
      return std::max(x, 0.0f);
    case RnnActivation::kAffine:
      return a * x + b;
    case RnnActivation::kLeakyRelu:
      return x >= 0.0f ? x : a * x;
    case RnnActivation::kThresholdedRelu:
      return x > a ? x : 0.0f;
    case RnnActivation::kScaledTanh:
      return a * std::tanh(b * x);
    case RnnActivation::kHardSigmoid:
      return std::min(std::max(a * x + b, 0.0f), 1.0f);
    case RnnActivation::kElu:
      return x >= 0.0f ? x : a * (std::exp(x) - 1.0f);
    case RnnActivation::kSoftsign:
      return x / (1.0f + std::fabs(x));
    case RnnActivation::kSoftplus:
      return std::log1p(std::exp(x));
  }
  return x;
}

namespace {

// Offsets (in elements) of the row of X, Y and the states that batch entry
// b, time t and direction d read or write.
struct Index {
  const RnnParams& p;
  int64_t X(int64_t t, int64_t b) const {
    return (p.layout == 0 ? t * p.batch + b : b * p.seq + t) * p.input;
  }
  int64_t Y(int64_t t, int64_t d, int64_t b) const {
    const int64_t D = p.directions;
    return (p.layout == 0 ? (t * D + d) * p.batch + b : (b * p.seq + t) * D + d) * p.hidden;
  }
  int64_t State(int64_t d, int64_t b) const {
    return (p.layout == 0 ? d * p.batch + b : b * p.directions + d) * p.hidden;
  }
};

float Dot(const float* a, const float* b, int64_t n) {
  float s = 0.0f;
  for (int64_t k = 0; k < n; ++k) s += a[k] * b[k];
  return s;
}

}  // namespace

void Recurrence(const RnnParams& p, const RnnInputs& in, const RnnOutputs& out) {
  const int64_t H = p.hidden, I = p.input, G = RnnGateCount(p.cell);
  const int na = RnnActivationCount(p.cell);
  const Index at{p};
  const float* x = in.x->values<float>().data();
  const float* w = in.w->values<float>().data();
  const float* r = in.r->values<float>().data();
  const float* bias = in.b ? in.b->values<float>().data() : nullptr;
  const float* peep = in.p ? in.p->values<float>().data() : nullptr;
  float* y = out.y ? out.y->values<float>().data() : nullptr;
  if (y) std::fill_n(y, out.y->size(), 0.0f);
  auto clip = [&](float v) { return p.clip ? std::clamp(v, -*p.clip, *p.clip) : v; };
  std::vector<float> h(H), c(H), hn(H), pre(G * H), rh(H), rgate(H);
  for (int64_t d = 0; d < p.directions; ++d) {
    const float* wd = w + d * G * H * I;
    const float* rd = r + d * G * H * H;
    const float* wb = bias ? bias + d * 2 * G * H : nullptr;
    const float* rb = bias ? wb + G * H : nullptr;
    const float* pd = peep ? peep + d * 3 * H : nullptr;
    const RnnActivationFn* act = &p.activations[static_cast<size_t>(d * na)];
    for (int64_t b = 0; b < p.batch; ++b) {
      const int64_t len = RnnLength(p, b);
      const int64_t s = at.State(d, b);
      for (int64_t j = 0; j < H; ++j) {
        h[j] = in.h0 ? in.h0->values<float>()[s + j] : 0.0f;
        c[j] = in.c0 ? in.c0->values<float>()[s + j] : 0.0f;
      }
      if (len == 0) std::fill(h.begin(), h.end(), 0.0f), std::fill(c.begin(), c.end(), 0.0f);
      for (int64_t i = 0; i < len; ++i) {
        const int64_t t = RnnReversed(p, d) ? len - 1 - i : i;
        const float* xt = x + at.X(t, b);
        // pre[g*H + j] = Xt W^T + Wb (+ H(t-1) R^T + Rb, except GRU's h gate)
        for (int64_t gj = 0; gj < G * H; ++gj) {
          float v = Dot(xt, wd + gj * I, I) + (wb ? wb[gj] : 0.0f);
          const bool gru_h = p.cell == RnnCell::kGru && gj >= 2 * H;
          if (!gru_h) v += Dot(h.data(), rd + gj * H, H) + (rb ? rb[gj] : 0.0f);
          pre[gj] = v;
        }
        if (p.cell == RnnCell::kRnn) {
          for (int64_t j = 0; j < H; ++j) hn[j] = RnnActivate(act[0], clip(pre[j]));
        } else if (p.cell == RnnCell::kGru) {
          for (int64_t j = 0; j < H; ++j) {
            rgate[j] = RnnActivate(act[0], clip(pre[H + j]));
            rh[j] = rgate[j] * h[j];
          }
          for (int64_t j = 0; j < H; ++j) {
            const float z = RnnActivate(act[0], clip(pre[j]));
            const float* rj = rd + (2 * H + j) * H;
            const float rbh = rb ? rb[2 * H + j] : 0.0f;
            const float v = p.linear_before_reset
                                ? pre[2 * H + j] + rgate[j] * (Dot(h.data(), rj, H) + rbh)
                                : pre[2 * H + j] + Dot(rh.data(), rj, H) + rbh;
            const float ht = RnnActivate(act[1], clip(v));
            hn[j] = (1.0f - z) * ht + z * h[j];
          }
        } else {
          for (int64_t j = 0; j < H; ++j) {
            const float pi = pd ? pd[j] : 0.0f, po = pd ? pd[H + j] : 0.0f;
            const float pf = pd ? pd[2 * H + j] : 0.0f;
            const float ig = RnnActivate(act[0], clip(pre[j] + pi * c[j]));
            const float fg =
                p.input_forget ? 1.0f - ig : RnnActivate(act[0], clip(pre[2 * H + j] + pf * c[j]));
            const float cg = RnnActivate(act[1], clip(pre[3 * H + j]));
            c[j] = fg * c[j] + ig * cg;
            const float og = RnnActivate(act[0], clip(pre[H + j] + po * c[j]));
            hn[j] = og * RnnActivate(act[2], clip(c[j]));
          }
        }
        h.swap(hn);
        if (y) std::copy(h.begin(), h.end(), y + at.Y(t, d, b));
      }
      if (out.y_h) std::copy(h.begin(), h.end(), out.y_h->values<float>().data() + s);
      if (out.y_c) std::copy(c.begin(), c.end(), out.y_c->values<float>().data() + s);
    }
  }
}

}  // namespace campaign::graph::reference
