// Reference activation epilogues of the fused operators (domain
// "ai.campaign": FusedConv, FusedGemm, FusedMatMul; schema/engine-format.md).
//
// The codes are shared with kernels/activation.cl: keep them in sync.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/tensor.h"

namespace campaign::graph::reference {

// alpha/beta meaning: Clip (min, max), LeakyRelu (alpha), HardSigmoid
// (alpha, beta: max(0, min(1, alpha*x + beta))). Unused otherwise.
enum class Activation {
  kNone = 0,
  kRelu = 1,
  kClip = 2,
  kSigmoid = 3,
  kHardSigmoid = 4,
  kHardSwish = 5,  // x * max(0, min(1, x/6 + 1/2))
  kSilu = 6,       // x * sigmoid(x)
  kGeluErf = 7,    // 0.5 x (1 + erf(x / sqrt(2)))
  kGeluTanh = 8,   // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
  kLeakyRelu = 9,
};

// The attribute value ("Relu", "Clip", ..., "Silu", "Gelu", "GeluTanh",
// "None") <-> kind. nullopt for an unknown name.
std::optional<Activation> ActivationFromName(std::string_view name);
std::string_view ActivationName(Activation a);

// One value, as kernels/activation.cl computes it.
float ActivationValue(Activation a, float alpha, float beta, float v);

// In place on a float32 tensor: y[i] = act(y[i] + bias[i % bias.size()])
// where `bias` (float32, broadcast along the last dimension) may be null.
// REQUIRES: bias, when given, has as many elements as y's last dimension.
void ApplyEpilogue(Activation a, float alpha, float beta, const HostTensor* bias, HostTensor* y);

// FusedConv's epilogue after the convolution (bias included), in place:
// y[i] = act(y[i] + residual[i]); `residual` may be null (no add).
// REQUIRES: residual, when given, has y's number of elements (same shape).
void ApplyResidualEpilogue(Activation a, float alpha, float beta, const HostTensor* residual,
                           HostTensor* y);

}  // namespace campaign::graph::reference
