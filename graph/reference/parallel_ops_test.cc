// The reference operators that split their loops with ParallelFor
// (StridedCopy, Softmax, LayerNorm, broadcasting binaries, epilogues): on
// shapes large enough to be split, the values are right and bit for bit the
// same on 1 and on 5 threads.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>

#include "graph/reference/activation.h"
#include "graph/reference/elementwise.h"
#include "graph/reference/layer_norm.h"
#include "graph/reference/movement.h"
#include "graph/reference/naive.h"
#include "graph/reference/parallel.h"
#include "graph/reference/softmax.h"

namespace campaign::graph::reference {
namespace {

using naive::RandomTensor;

// Runs `op` on one thread and on five; expects identical bytes and returns
// the one-thread result.
HostTensor SameOnAnyThreads(const Shape& shape, const std::function<void(HostTensor*)>& op) {
  HostTensor one(DType::kFloat32, shape), five(DType::kFloat32, shape);
  SetReferenceThreadsForTesting(1);
  op(&one);
  SetReferenceThreadsForTesting(5);
  op(&five);
  SetReferenceThreadsForTesting(0);
  EXPECT_EQ(std::memcmp(one.raw(), five.raw(), one.bytes()), 0) << ShapeToString(shape);
  return one;
}

TEST(ParallelOpsTest, TransposeAndReversedSlice) {
  const Shape in{3, 128, 64, 48};
  HostTensor x = RandomTensor(in, 1);
  const std::vector<int64_t> perm{0, 2, 3, 1};
  HostTensor y = SameOnAnyThreads(TransposeShape(in, perm), [&](HostTensor* out) {
    StridedCopy(x, TransposeView(in, perm), out);
  });
  auto xs = x.values<float>();
  auto ys = y.values<float>();
  for (int64_t a = 0; a < 3; a += 2) {
    for (int64_t c = 0; c < 64; c += 7) {
      for (int64_t d = 0; d < 48; d += 5) {
        for (int64_t b = 0; b < 128; b += 3) {
          ASSERT_EQ(ys[((a * 64 + c) * 48 + d) * 128 + b], xs[((a * 128 + b) * 64 + c) * 48 + d]);
        }
      }
    }
  }
  StridedView view;  // x[:, ::-1, 1:, :] by steps -1 and 1
  auto shape = SliceShape(in, {-1, 1}, {-1000, 64}, {1, 2}, {-1, 1}, &view);
  ASSERT_TRUE(shape.ok()) << shape.status().ToString();
  ASSERT_EQ(*shape, (Shape{3, 128, 63, 48}));
  HostTensor s = SameOnAnyThreads(*shape, [&](HostTensor* out) { StridedCopy(x, view, out); });
  auto ss = s.values<float>();
  EXPECT_EQ(ss[0], xs[(127 * 64 + 1) * 48]);
  EXPECT_EQ(ss[((2 * 128 + 5) * 63 + 10) * 48 + 7], xs[((2 * 128 + 122) * 64 + 11) * 48 + 7]);
}

TEST(ParallelOpsTest, SoftmaxInPlaceAlongAMiddleAxis) {
  const Shape shape{64, 100, 20};
  HostTensor x = RandomTensor(shape, 2);
  HostTensor y = SameOnAnyThreads(shape, [&](HostTensor* out) {
    *out = x;
    Softmax(*out, 1, out);  // in place, as Attention runs it
  });
  auto ys = y.values<float>();
  for (int64_t o = 0; o < 64; o += 9) {
    for (int64_t i = 0; i < 20; ++i) {
      double sum = 0;
      for (int64_t d = 0; d < 100; ++d) sum += ys[(o * 100 + d) * 20 + i];
      EXPECT_NEAR(sum, 1.0, 1e-5) << o << "," << i;
    }
  }
}

TEST(ParallelOpsTest, LayerNormRows) {
  const Shape shape{2048, 256};
  HostTensor x = RandomTensor(shape, 3), scale = RandomTensor({256}, 4),
             bias = RandomTensor({256}, 5);
  HostTensor mean(DType::kFloat32, {2048}), inv(DType::kFloat32, {2048});
  HostTensor y = SameOnAnyThreads(
      shape, [&](HostTensor* out) { LayerNorm(x, scale, &bias, 256, 1e-5f, out, &mean, &inv); });
  auto xs = x.values<float>();
  double m = 0;
  for (int i = 0; i < 256; ++i) m += xs[1000 * 256 + i];
  EXPECT_NEAR(mean.values<float>()[1000], m / 256, 1e-6);
  const float want = static_cast<float>((xs[1000 * 256 + 17] - m / 256) *
                                            inv.values<float>()[1000] * scale.values<float>()[17] +
                                        bias.values<float>()[17]);
  EXPECT_NEAR(y.values<float>()[1000 * 256 + 17], want, 1e-5f);
}

TEST(ParallelOpsTest, BroadcastAddAndGeluEpilogue) {
  const Shape shape{1100, 1000};
  HostTensor a = RandomTensor(shape, 6), row = RandomTensor({1000}, 7);
  HostTensor sum =
      SameOnAnyThreads(shape, [&](HostTensor* out) { Binary(BinaryKind::kAdd, a, row, out); });
  auto as = a.values<float>();
  auto rs = row.values<float>();
  auto ss = sum.values<float>();
  for (size_t i = 0; i < ss.size(); i += 997) ASSERT_EQ(ss[i], as[i] + rs[i % 1000]) << i;
  HostTensor gelu = SameOnAnyThreads(shape, [&](HostTensor* out) {
    *out = a;
    ApplyEpilogue(Activation::kGeluErf, 0, 0, &row, out);
  });
  auto gs = gelu.values<float>();
  for (size_t i = 0; i < gs.size(); i += 991) {
    ASSERT_EQ(gs[i], ActivationValue(Activation::kGeluErf, 0, 0, as[i] + rs[i % 1000])) << i;
  }
}

}  // namespace
}  // namespace campaign::graph::reference
