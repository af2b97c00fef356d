// The OpenBLAS Gemm / MatMul against the naive loops (naive.h) on random
// inputs, and the same bits whatever the thread count.
#include "graph/reference/gemm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "graph/reference/naive.h"
#include "graph/reference/parallel.h"

namespace campaign::graph::reference {
namespace {

// Norm-relative error allowed against the naive loops (Gemm's sums in double).
constexpr double kTolerance = 1e-5;

struct GemmCase {
  Shape a, b;
  const Shape* c;  // null: no C
  GemmParams p;
};

struct Pair {
  HostTensor fast, naive;
};

Pair RunGemm(const Shape& as, const Shape& bs, const Shape* cs, const GemmParams& p,
             uint32_t seed) {
  HostTensor a = naive::RandomTensor(as, seed);
  HostTensor b = naive::RandomTensor(bs, seed + 1);
  HostTensor c = naive::RandomTensor(cs ? *cs : Shape{1}, seed + 2);
  Shape ys = GemmOutputShape(as, bs, cs, p).value();
  Pair out{HostTensor(DType::kFloat32, ys), HostTensor(DType::kFloat32, ys)};
  Gemm(a, b, cs ? &c : nullptr, p, &out.fast);
  naive::Gemm(a, b, cs ? &c : nullptr, p, &out.naive);
  return out;
}

Pair RunMatMul(const Shape& as, const Shape& bs, uint32_t seed) {
  HostTensor a = naive::RandomTensor(as, seed);
  HostTensor b = naive::RandomTensor(bs, seed + 1);
  Shape ys = MatMulOutputShape(as, bs).value();
  Pair out{HostTensor(DType::kFloat32, ys), HostTensor(DType::kFloat32, ys)};
  MatMul(a, b, &out.fast);
  naive::MatMul(a, b, &out.naive);
  return out;
}

TEST(ReferenceGemmOracleTest, TransposesAlphaBetaAndBiasShapes) {
  const int64_t m = 37, k = 300, n = 260;  // n spans two column tiles
  const Shape full{m, n}, row{n}, col{m, 1};
  uint32_t seed = 1;
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      for (const Shape* c : {static_cast<const Shape*>(nullptr), &full, &row, &col}) {
        GemmParams p{.trans_a = ta, .trans_b = tb, .alpha = 0.5f, .beta = 2.0f};
        Shape as = ta ? Shape{k, m} : Shape{m, k};
        Shape bs = tb ? Shape{n, k} : Shape{k, n};
        SCOPED_TRACE("transA " + std::to_string(ta) + " transB " + std::to_string(tb) + " C " +
                     (c ? ShapeToString(*c) : "none"));
        Pair out = RunGemm(as, bs, c, p, seed += 3);
        EXPECT_LE(naive::NormRelativeError(out.fast, out.naive), kTolerance);
      }
    }
  }
}

TEST(ReferenceGemmOracleTest, ManyRowTilesAndDefaults) {
  const Shape c{1, 70};
  Pair out = RunGemm({300, 129}, {70, 129}, &c, GemmParams{.trans_b = true}, 5);
  EXPECT_LE(naive::NormRelativeError(out.fast, out.naive), kTolerance);
}

TEST(ReferenceGemmOracleTest, EmptyInnerDimensionGivesBetaTimesC) {
  const Shape c{3, 4};
  Pair out = RunGemm({3, 0}, {0, 4}, &c, GemmParams{.beta = 0.5f}, 9);
  EXPECT_TRUE(naive::BitwiseEqual(out.fast, out.naive));
  EXPECT_NE(out.fast.values<float>()[0], 0.0f);  // beta * C, not zeros
}

TEST(ReferenceMatMulOracleTest, BroadcastBatchesAndVectors) {
  struct Case {
    Shape a, b;
  };
  const std::vector<Case> cases = {
      {{45, 70}, {70, 300}},            // plain, two column tiles
      {{2, 3, 20, 33}, {33, 17}},       // B broadcast over both batch dims
      {{3, 1, 20, 33}, {1, 4, 33, 9}},  // both broadcast
      {{12, 50, 64}, {12, 64, 50}},     // attention-like
      {{33}, {2, 33, 9}},               // 1-D A
      {{2, 20, 33}, {33}},              // 1-D B
  };
  uint32_t seed = 20;
  for (const Case& c : cases) {
    SCOPED_TRACE("A " + ShapeToString(c.a) + " B " + ShapeToString(c.b));
    Pair out = RunMatMul(c.a, c.b, seed += 2);
    EXPECT_LE(naive::NormRelativeError(out.fast, out.naive), kTolerance);
  }
}

TEST(ReferenceMatMulOracleTest, TwoVectorsGiveAScalar) {
  HostTensor a(DType::kFloat32, {3}), b(DType::kFloat32, {3});
  std::vector<float> av{1, 2, 3}, bv{4, 5, 6};
  std::copy(av.begin(), av.end(), a.values<float>().begin());
  std::copy(bv.begin(), bv.end(), b.values<float>().begin());
  HostTensor y(DType::kFloat32, MatMulOutputShape(a.shape(), b.shape()).value());
  ASSERT_EQ(y.shape(), Shape{});
  MatMul(a, b, &y);
  EXPECT_EQ(y.values<float>()[0], 32.0f);
}

TEST(ReferenceMatMulOracleTest, MatMul2dIsTheDenseProduct) {
  HostTensor a = naive::RandomTensor({29, 41}, 3), b = naive::RandomTensor({41, 300}, 4);
  HostTensor want(DType::kFloat32, {29, 300}), got(DType::kFloat32, {29, 300});
  naive::MatMul(a, b, &want);
  MatMul2d(a.values<float>().data(), b.values<float>().data(), got.values<float>().data(), 29, 300,
           41);
  EXPECT_LE(naive::NormRelativeError(got, want), kTolerance);
}

TEST(ReferenceGemmOracleTest, SameBitsForEveryThreadCount) {
  const Shape c{300};
  auto gemm = [&] { return RunGemm({260, 200}, {300, 200}, &c, {.trans_b = true}, 11).fast; };
  auto matmul = [] { return RunMatMul({12, 100, 64}, {12, 64, 300}, 12).fast; };
  SetReferenceThreadsForTesting(1);
  HostTensor gemm_one = gemm(), matmul_one = matmul();
  for (int threads : {2, 3, 5}) {
    SetReferenceThreadsForTesting(threads);
    EXPECT_TRUE(naive::BitwiseEqual(gemm(), gemm_one)) << threads << " threads";
    EXPECT_TRUE(naive::BitwiseEqual(matmul(), matmul_one)) << threads << " threads";
  }
  SetReferenceThreadsForTesting(0);
}

}  // namespace
}  // namespace campaign::graph::reference
