// Reference recurrences against hand-computed values: an RNN with the
// identity activation (Affine 1, 0) and unit weights is a running sum, which
// pins down sequence_lens, directions and layouts; one LSTM step with
// peepholes and clip checks the gate order and where clip applies.
#include "graph/reference/rnn.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace campaign::graph::reference {
namespace {

HostTensor Tensor(const Shape& shape, const std::vector<float>& v) {
  HostTensor t(DType::kFloat32, shape);
  std::copy(v.begin(), v.end(), t.values<float>().begin());
  return t;
}

std::vector<float> Values(const HostTensor& t) {
  auto v = t.values<float>();
  return {v.begin(), v.end()};
}

// x[t, b] = 1, 2, 3, ... (I = H = 1), W = R = 1, f = identity: the state is
// the running sum of the steps taken.
struct RunningSum {
  int64_t seq = 4, batch = 3, directions = 1, layout = 0;
  bool reverse_only = false;
  std::vector<int32_t> lens;
  HostTensor y, y_h;

  void Run() {
    RnnParams p;
    p.cell = RnnCell::kRnn;
    p.seq = seq;
    p.batch = batch;
    p.input = p.hidden = 1;
    p.directions = directions;
    p.reverse_only = reverse_only;
    p.layout = layout;
    p.seq_lens = lens;
    for (int64_t d = 0; d < directions; ++d)
      p.activations.push_back({RnnActivation::kAffine, 1, 0});
    std::vector<float> xv(static_cast<size_t>(seq * batch));
    for (int64_t t = 0; t < seq; ++t) {
      for (int64_t b = 0; b < batch; ++b) {
        xv[static_cast<size_t>(layout == 0 ? t * batch + b : b * seq + t)] =
            static_cast<float>(1 + t + 10 * b);
      }
    }
    HostTensor x = Tensor(layout == 0 ? Shape{seq, batch, 1} : Shape{batch, seq, 1}, xv);
    HostTensor w = Tensor({directions, 1, 1}, std::vector<float>(directions, 1.0f));
    HostTensor r = w;
    y = HostTensor(DType::kFloat32, layout == 0 ? Shape{seq, directions, batch, 1}
                                                : Shape{batch, seq, directions, 1});
    y_h = HostTensor(DType::kFloat32,
                     layout == 0 ? Shape{directions, batch, 1} : Shape{batch, directions, 1});
    RnnInputs in;
    in.x = &x;
    in.w = &w;
    in.r = &r;
    Recurrence(p, in, {&y, &y_h, nullptr});
  }
};

TEST(RnnReferenceTest, ForwardSequenceLengths) {
  RunningSum s;
  s.lens = {4, 2, 0};
  s.Run();
  // y[t, 0, b]: b0 = 1, 3, 6, 10; b1 = 11, 23, 0, 0; b2 all zero.
  EXPECT_EQ(Values(s.y), (std::vector<float>{1, 11, 0, 3, 23, 0, 6, 0, 0, 10, 0, 0}));
  EXPECT_EQ(Values(s.y_h), (std::vector<float>{10, 23, 0}));
}

TEST(RnnReferenceTest, ReverseSequenceLengths) {
  RunningSum s;
  s.reverse_only = true;
  s.lens = {4, 2, 0};
  s.Run();
  // b0 from t=3 down: y = 10, 9, 7, 4; b1 runs t=1 then t=0: y = 23, 12.
  EXPECT_EQ(Values(s.y), (std::vector<float>{10, 23, 0, 9, 12, 0, 7, 0, 0, 4, 0, 0}));
  EXPECT_EQ(Values(s.y_h), (std::vector<float>{10, 23, 0}));
}

TEST(RnnReferenceTest, BidirectionalBatchFirst) {
  RunningSum s;
  s.directions = 2;
  s.layout = 1;
  s.seq = 3;
  s.batch = 2;
  s.lens = {3, 1};
  s.Run();
  // y[b, t, d]: b0 forward 1, 3, 6 / backward 6, 5, 3; b1 (length 1) 11 / 11, then zeros.
  EXPECT_EQ(Values(s.y), (std::vector<float>{1, 6, 3, 5, 6, 3, 11, 11, 0, 0, 0, 0}));
  // y_h[b, d]
  EXPECT_EQ(Values(s.y_h), (std::vector<float>{6, 6, 11, 11}));
}

// One LSTM step, H = I = 1, gates i, o, f, c from W = (1, 2, 3, 4), no R
// contribution (zero initial state), peepholes (0.5, 0.25, 0.125) on C(t-1)
// for i and f and on Ct for o, clip 1.5 on every activation's input.
TEST(RnnReferenceTest, LstmGateOrderPeepholesAndClip) {
  RnnParams p;
  p.cell = RnnCell::kLstm;
  p.seq = p.batch = p.input = p.hidden = 1;
  p.clip = 1.5f;
  p.activations = {
      {RnnActivation::kSigmoid, 0, 0}, {RnnActivation::kTanh, 0, 0}, {RnnActivation::kTanh, 0, 0}};
  HostTensor x = Tensor({1, 1, 1}, {0.5f});
  HostTensor w = Tensor({1, 4, 1}, {1, 2, 3, 4});
  HostTensor r = Tensor({1, 4, 1}, {7, 7, 7, 7});
  HostTensor c0 = Tensor({1, 1, 1}, {2.0f});
  HostTensor peep = Tensor({1, 3}, {0.5f, 0.25f, 0.125f});
  HostTensor y(DType::kFloat32, {1, 1, 1, 1}), y_h(DType::kFloat32, {1, 1, 1}),
      y_c(DType::kFloat32, {1, 1, 1});
  RnnInputs in;
  in.x = &x;
  in.w = &w;
  in.r = &r;
  in.c0 = &c0;
  in.p = &peep;
  Recurrence(p, in, {&y, &y_h, &y_c});
  auto sig = [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
  const float i = sig(0.5f + 0.5f * 2.0f);                    // 1.5, at the clip
  const float f = sig(std::min(1.5f, 1.5f + 0.125f * 2.0f));  // clipped to 1.5
  const float g = std::tanh(std::min(1.5f, 2.0f));            // clipped
  const float c = f * 2.0f + i * g;
  const float o = sig(std::min(1.5f, 1.0f + 0.25f * c));
  const float h = o * std::tanh(std::min(1.5f, c));
  EXPECT_FLOAT_EQ(Values(y_c)[0], c);
  EXPECT_FLOAT_EQ(Values(y_h)[0], h);
  EXPECT_FLOAT_EQ(Values(y)[0], h);
}

}  // namespace
}  // namespace campaign::graph::reference
