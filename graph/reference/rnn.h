// Reference recurrences of ONNX LSTM, GRU and RNN (float32, plain loops).
// Op classes: graph/ops/rnn.h; device: runner/ops/rnn.cc and
// runner/kernels/rnn.cl, which follow the same formulas step for step.
//
// Semantics (ONNX opset 7/14, onnxruntime where ONNX is silent):
// - gates per direction, in the ONNX order: LSTM i, o, f, c; GRU z, r, h;
//   RNN one. W [D, G*H, I], R [D, G*H, H], B [D, 2*G*H] (Wb then Rb).
// - `clip` bounds every activation's input to [-clip, clip], the cell
//   state's h(Ct) included; the cell state itself is stored unclipped.
// - LSTM peepholes P [D, 3H] (i, o, f): i and f see C(t-1), o sees Ct.
//   input_forget: f = 1 - i.
// - GRU linear_before_reset=0: h~ = g(Xt Wh + (r . H(t-1)) Rh + Rbh + Wbh);
//   otherwise h~ = g(Xt Wh + r . (H(t-1) Rh + Rbh) + Wbh).
// - sequence_lens: batch b runs steps 0..len-1 (the reverse direction from
//   len-1 down to 0); Y is zero at t >= len; Y_h / Y_c hold the state after
//   the last valid step, zero when len == 0.
// - layout 0: X [S, B, I], Y [S, D, B, H], states [D, B, H];
//   layout 1: X [B, S, I], Y [B, S, D, H], states [B, D, H].
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph/tensor.h"

namespace campaign::graph::reference {

enum class RnnCell { kRnn = 0, kGru = 1, kLstm = 2 };

// Gates per direction: RNN 1, GRU 3, LSTM 4.
int RnnGateCount(RnnCell cell);
// Activations per direction: RNN 1 (f), GRU 2 (f, g), LSTM 3 (f, g, h).
int RnnActivationCount(RnnCell cell);

// The codes are shared with kernels/rnn.cl.
enum class RnnActivation {
  kSigmoid = 0,
  kTanh = 1,
  kRelu = 2,
  kAffine = 3,           // alpha x + beta
  kLeakyRelu = 4,        // x >= 0 ? x : alpha x
  kThresholdedRelu = 5,  // x > alpha ? x : 0
  kScaledTanh = 6,       // alpha tanh(beta x)
  kHardSigmoid = 7,      // clamp(alpha x + beta, 0, 1)
  kElu = 8,              // x >= 0 ? x : alpha (e^x - 1)
  kSoftsign = 9,         // x / (1 + |x|)
  kSoftplus = 10,        // log(1 + e^x)
};

struct RnnActivationFn {
  RnnActivation kind = RnnActivation::kSigmoid;
  float alpha = 0, beta = 0;
};

// The ONNX name (case-insensitive) -> kind; nullopt for an unknown name.
std::optional<RnnActivation> RnnActivationFromName(std::string_view name);
// How many of activation_alpha (and of activation_beta) `a` reads: 0 or 1;
// and the defaults when those lists run out (onnxruntime's).
bool RnnActivationUsesAlpha(RnnActivation a);
bool RnnActivationUsesBeta(RnnActivation a);
float RnnDefaultAlpha(RnnActivation a);
float RnnDefaultBeta(RnnActivation a);

float RnnActivate(const RnnActivationFn& f, float x);

struct RnnParams {
  RnnCell cell = RnnCell::kLstm;
  int64_t seq = 0, batch = 0, input = 0, hidden = 0;
  int64_t directions = 1;            // 1 or 2
  bool reverse_only = false;         // direction == "reverse" (directions == 1)
  int64_t layout = 0;                // 0 or 1
  std::optional<float> clip;         // > 0 when set
  bool input_forget = false;         // LSTM
  bool linear_before_reset = false;  // GRU
  // RnnActivationCount(cell) per direction, forward first.
  std::vector<RnnActivationFn> activations;
  // One per batch entry in [0, seq]; empty: every sequence is `seq` long.
  std::vector<int32_t> seq_lens;
};

// True when direction `d` runs backwards in time.
inline bool RnnReversed(const RnnParams& p, int64_t d) { return p.reverse_only || d == 1; }
// The length of batch entry b's sequence.
inline int64_t RnnLength(const RnnParams& p, int64_t b) {
  return p.seq_lens.empty() ? p.seq : p.seq_lens[static_cast<size_t>(b)];
}

struct RnnInputs {
  const HostTensor* x = nullptr;  // required
  const HostTensor* w = nullptr;  // required
  const HostTensor* r = nullptr;  // required
  const HostTensor* b = nullptr;
  const HostTensor* h0 = nullptr;
  const HostTensor* c0 = nullptr;  // LSTM
  const HostTensor* p = nullptr;   // LSTM
};

struct RnnOutputs {
  HostTensor* y = nullptr;  // each may be null (not requested)
  HostTensor* y_h = nullptr;
  HostTensor* y_c = nullptr;  // LSTM
};

// REQUIRES: shapes consistent with `p` (checked by the op classes).
void Recurrence(const RnnParams& p, const RnnInputs& in, const RnnOutputs& out);

}  // namespace campaign::graph::reference
