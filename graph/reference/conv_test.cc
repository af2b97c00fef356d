// The OpenBLAS Conv2d against the naive loop (naive.h) on random inputs, and
// the same bits whatever the thread count.
#include "graph/reference/conv.h"

#include <gtest/gtest.h>

#include <string>

#include "graph/reference/naive.h"
#include "graph/reference/parallel.h"
#include "graph/reference/sgemm.h"

namespace campaign::graph::reference {
namespace {

// Norm-relative error allowed against the naive loop: float32 sums of up to
// ~1000 terms in another order, far below any indexing mistake (>= 1e-2).
constexpr double kTolerance = 1e-5;

struct ConvCase {
  std::string name;
  Shape x, w;  // [N, C, H, W], [M, C/group, KH, KW]
  Conv2dParams p;
  bool bias = true;
};

Conv2dParams Params(int64_t k, int64_t stride, int64_t pad, int64_t group = 1) {
  Conv2dParams p;
  p.kernel_h = p.kernel_w = k;
  p.stride_h = p.stride_w = stride;
  p.pad_top = p.pad_left = p.pad_bottom = p.pad_right = pad;
  p.group = group;
  return p;
}

std::vector<ConvCase> Cases() {
  std::vector<ConvCase> cases = {
      {"3x3 pad 1, batch 2", {2, 5, 9, 9}, {7, 5, 3, 3}, Params(3, 1, 1)},
      {"1x1 stride 1 (no im2col), 3x2 tiles", {2, 64, 17, 17}, {300, 64, 1, 1}, Params(1, 1, 0)},
      {"1x1 stride 2, no bias", {1, 16, 15, 15}, {24, 16, 1, 1}, Params(1, 2, 0), false},
      {"7x7 stride 2 pad 3 (resnet stem)", {1, 3, 40, 40}, {16, 3, 7, 7}, Params(7, 2, 3)},
      {"3x3, 2x2 tiles", {1, 16, 20, 20}, {150, 16, 3, 3}, Params(3, 1, 1)},
      {"2 groups", {2, 6, 8, 8}, {4, 3, 3, 3}, Params(3, 1, 1, 2)},
      {"4 groups, stride 2", {1, 8, 9, 9}, {12, 2, 3, 3}, Params(3, 2, 1, 4)},
      {"one input channel", {3, 1, 6, 6}, {5, 1, 3, 3}, Params(3, 1, 0)},
      {"kernel taller than the input, padded", {1, 3, 2, 5}, {4, 3, 3, 3}, Params(3, 1, 1)},
      {"depthwise 3x3 stride 2", {2, 8, 11, 11}, {8, 1, 3, 3}, Params(3, 2, 1, 8)},
      {"depthwise, multiplier 2", {1, 8, 7, 7}, {16, 1, 3, 3}, Params(3, 1, 1, 8)},
      {"depthwise 5x5 stride 1, no bias", {1, 6, 10, 10}, {6, 1, 5, 5}, Params(5, 1, 2, 6), false},
  };
  ConvCase odd{"3x2 kernel, stride (2,1), dilation (2,1), asymmetric pads",
               {2, 4, 12, 10},
               {6, 4, 3, 2},
               Params(1, 1, 0)};
  odd.p.kernel_h = 3;
  odd.p.kernel_w = 2;
  odd.p.stride_h = 2;
  odd.p.dilation_h = 2;
  odd.p.pad_top = 1;
  odd.p.pad_left = 0;
  odd.p.pad_bottom = 2;
  odd.p.pad_right = 1;
  cases.push_back(odd);
  ConvCase dw = odd;
  dw.name = "depthwise with the same odd geometry";
  dw.w = {4, 1, 3, 2};
  dw.p.group = 4;
  cases.push_back(dw);
  ConvCase dil{"3x3 dilation 2 pad 2", {1, 5, 13, 13}, {9, 5, 3, 3}, Params(3, 1, 2)};
  dil.p.dilation_h = dil.p.dilation_w = 2;
  cases.push_back(dil);
  return cases;
}

struct Outputs {
  HostTensor fast, naive;
};

Outputs RunConv(const ConvCase& c, uint32_t seed) {
  HostTensor x = naive::RandomTensor(c.x, seed);
  HostTensor w = naive::RandomTensor(c.w, seed + 1);
  HostTensor b = naive::RandomTensor({c.w[0]}, seed + 2);
  Shape ys = Conv2dOutputShape(c.x, c.w, c.p).value();
  Outputs out{HostTensor(DType::kFloat32, ys), HostTensor(DType::kFloat32, ys)};
  Conv2d(x, w, c.bias ? &b : nullptr, c.p, &out.fast);
  naive::Conv2d(x, w, c.bias ? &b : nullptr, c.p, &out.naive);
  return out;
}

TEST(ReferenceConvOracleTest, MatchesTheNaiveLoop) {
  uint32_t seed = 100;
  for (const ConvCase& c : Cases()) {
    SCOPED_TRACE(c.name + ": x " + ShapeToString(c.x) + ", w " + ShapeToString(c.w));
    Outputs out = RunConv(c, seed += 10);
    EXPECT_LE(naive::NormRelativeError(out.fast, out.naive), kTolerance);
  }
}

TEST(ReferenceConvOracleTest, SameBitsForEveryThreadCount) {
  // Large enough that ParallelFor splits: the tiled product, and depthwise.
  std::vector<ConvCase> cases = {
      {"3x3, 2x2 tiles", {1, 16, 20, 20}, {150, 16, 3, 3}, Params(3, 1, 1)},
      {"1x1, batch 2", {2, 64, 17, 17}, {300, 64, 1, 1}, Params(1, 1, 0)},
      {"depthwise", {1, 64, 56, 56}, {64, 1, 3, 3}, Params(3, 1, 1, 64)},
  };
  for (const ConvCase& c : cases) {
    SCOPED_TRACE(c.name);
    SetReferenceThreadsForTesting(1);
    HostTensor one = RunConv(c, 7).fast;
    for (int threads : {2, 3, 5}) {
      SetReferenceThreadsForTesting(threads);
      EXPECT_TRUE(naive::BitwiseEqual(RunConv(c, 7).fast, one)) << threads << " threads";
    }
  }
  SetReferenceThreadsForTesting(0);
  EXPECT_EQ(SgemmLibraryThreads(), 1) << "OpenBLAS must not start its own threads";
}

}  // namespace
}  // namespace campaign::graph::reference
