#include "graph/reference/activation.h"

#include <array>
#include <cmath>
#include <utility>

#include "graph/reference/parallel.h"

namespace campaign::graph::reference {
namespace {

constexpr std::array<std::pair<std::string_view, Activation>, 10> kNames = {{
    {"None", Activation::kNone},
    {"Relu", Activation::kRelu},
    {"Clip", Activation::kClip},
    {"Sigmoid", Activation::kSigmoid},
    {"HardSigmoid", Activation::kHardSigmoid},
    {"HardSwish", Activation::kHardSwish},
    {"Silu", Activation::kSilu},
    {"Gelu", Activation::kGeluErf},
    {"GeluTanh", Activation::kGeluTanh},
    {"LeakyRelu", Activation::kLeakyRelu},
}};

}  // namespace

std::optional<Activation> ActivationFromName(std::string_view name) {
  for (const auto& [n, a] : kNames) {
    if (n == name) return a;
  }
  return std::nullopt;
}

std::string_view ActivationName(Activation a) {
  for (const auto& [n, k] : kNames) {
    if (k == a) return n;
  }
  return "None";
}

float ActivationValue(Activation a, float alpha, float beta, float v) {
  switch (a) {
    case Activation::kNone:
      return v;
    case Activation::kRelu:
      return std::fmax(v, 0.0f);
    case Activation::kClip:
      return std::fmin(std::fmax(v, alpha), beta);
    case Activation::kSigmoid:
      return 1.0f / (1.0f + std::exp(-v));
    case Activation::kHardSigmoid:
      return std::fmax(0.0f, std::fmin(1.0f, alpha * v + beta));
    case Activation::kHardSwish:
      return v * std::fmax(0.0f, std::fmin(1.0f, v / 6.0f + 0.5f));
    case Activation::kSilu:
      return v / (1.0f + std::exp(-v));
    case Activation::kGeluErf:
      return 0.5f * v * (1.0f + std::erf(v * 0.70710678118654752f));
    case Activation::kGeluTanh:
      return 0.5f * v * (1.0f + std::tanh(0.79788456080286536f * (v + 0.044715f * v * v * v)));
    case Activation::kLeakyRelu:
      return v >= 0.0f ? v : alpha * v;
  }
  return v;
}

namespace {

// ys[i] = act(in(i)) for every i, with the switch taken once rather than per
// element; the common kinds compute what ActivationValue does, inline. In
// parallel over ranges of i (each element written by one thread).
template <typename In>
void ActivateAll(Activation a, float alpha, float beta, std::span<float> ys, In in) {
  const int64_t cost =
      a == Activation::kNone || a == Activation::kRelu || a == Activation::kClip ? 1 : 16;
  ParallelFor(static_cast<int64_t>(ys.size()), cost, [&](int64_t begin, int64_t end) {
    const size_t b = static_cast<size_t>(begin), e = static_cast<size_t>(end);
    switch (a) {
      case Activation::kNone:
        for (size_t i = b; i < e; ++i) ys[i] = in(i);
        return;
      case Activation::kRelu:
        for (size_t i = b; i < e; ++i) ys[i] = std::fmax(in(i), 0.0f);
        return;
      case Activation::kClip:
        for (size_t i = b; i < e; ++i) ys[i] = std::fmin(std::fmax(in(i), alpha), beta);
        return;
      default:
        for (size_t i = b; i < e; ++i) ys[i] = ActivationValue(a, alpha, beta, in(i));
    }
  });
}

}  // namespace

void ApplyEpilogue(Activation a, float alpha, float beta, const HostTensor* bias, HostTensor* y) {
  std::span<float> ys = y->values<float>();
  std::span<const float> b;
  if (bias != nullptr) b = bias->values<float>();
  if (b.empty()) {
    ActivateAll(a, alpha, beta, ys, [&](size_t i) { return ys[i] + 0.0f; });
  } else {
    ActivateAll(a, alpha, beta, ys, [&](size_t i) { return ys[i] + b[i % b.size()]; });
  }
}

void ApplyResidualEpilogue(Activation a, float alpha, float beta, const HostTensor* residual,
                           HostTensor* y) {
  std::span<float> ys = y->values<float>();
  std::span<const float> r;
  if (residual != nullptr) r = residual->values<float>();
  if (r.empty()) {
    ActivateAll(a, alpha, beta, ys, [&](size_t i) { return ys[i] + 0.0f; });
  } else {
    ActivateAll(a, alpha, beta, ys, [&](size_t i) { return ys[i] + r[i]; });
  }
}

}  // namespace campaign::graph::reference
