// Reference signal arithmetic against hand-computed values.
#include "graph/reference/signal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace campaign::graph::reference {
namespace {

TEST(SignalReferenceTest, DftOfAnImpulseIsFlat) {
  // x = [0, 1, 0, 0] real: X[k] = e^{-2 pi i k / 4} = 1, -i, -1, i.
  std::vector<float> x = {0, 1, 0, 0};
  DftParams p;
  p.bins = 4;
  p.n_avail = 4;
  p.length = 4;
  std::vector<float> y(DftOutputFloats(p));
  Dft(x.data(), nullptr, p, y.data());
  const float want[] = {1, 0, 0, -1, -1, 0, 0, 1};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(y[i], want[i], 1e-7) << i;
}

TEST(SignalReferenceTest, InverseUndoesForwardWithPadding) {
  // A 5-sample complex signal zero-padded to 7 points and back.
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> x(10);
  for (float& v : x) v = d(rng);
  DftParams f;
  f.comps = 2;
  f.bins = 7;
  f.n_avail = 5;
  f.length = 7;
  std::vector<float> spec(DftOutputFloats(f));
  Dft(x.data(), nullptr, f, spec.data());
  DftParams b = f;
  b.n_avail = 7;
  b.inverse = true;
  std::vector<float> back(DftOutputFloats(b));
  Dft(spec.data(), nullptr, b, back.data());
  for (int i = 0; i < 14; ++i) EXPECT_NEAR(back[i], i < 10 ? x[i] : 0.0f, 1e-6) << i;
}

TEST(SignalReferenceTest, DetNeedsPivoting) {
  // The leading zero forces a row swap: det [[0, 2], [3, 4]] = -6; a
  // singular 3x3 gives 0; a batch of two.
  HostTensor x(DType::kFloat32, {2, 3, 3});
  const float v[] = {0, 2, 0, 3, 4, 0, 0, 0, 1, 1, 2, 3, 2, 4, 6, 7, 8, 9};
  for (int i = 0; i < 18; ++i) x.values<float>()[i] = v[i];
  HostTensor y(DType::kFloat32, {2});
  Det(x, &y);
  EXPECT_NEAR(y.values<float>()[0], -6.0f, 1e-6);
  EXPECT_NEAR(y.values<float>()[1], 0.0f, 1e-6);
}

TEST(SignalReferenceTest, WindowsAreSymmetric) {
  for (auto kind : {WindowKind::kHann, WindowKind::kHamming, WindowKind::kBlackman}) {
    auto w = Window(kind, 9, false);
    for (int n = 0; n < 9; ++n) EXPECT_NEAR(w[n], w[8 - n], 1e-12);
    EXPECT_NEAR(w[4], 1.0, 1e-12);
    auto p = Window(kind, 8, true);  // periodic 8 = symmetric 9 without its last sample
    for (int n = 0; n < 8; ++n) EXPECT_NEAR(p[n], w[n], 1e-12);
  }
}

TEST(SignalReferenceTest, MelEdgesOutsideTheSpectrumAreInvalid) {
  EXPECT_FALSE(MelWeightMatrix(8, 16, 8192, 0, 8192).ok());  // above Nyquist
  EXPECT_FALSE(MelWeightMatrix(0, 16, 8192, 0, 4096).ok());
  EXPECT_TRUE(MelWeightMatrix(8, 16, 8192, 0, 4096).ok());
}

}  // namespace
}  // namespace campaign::graph::reference
