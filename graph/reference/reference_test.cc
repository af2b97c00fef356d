// Reference operators against hand-computed values on tiny inputs.
#include <gtest/gtest.h>

#include <cmath>

#include "graph/reference/concat.h"
#include "graph/reference/conv.h"
#include "graph/reference/elementwise.h"
#include "graph/reference/gemm.h"
#include "graph/reference/pool.h"
#include "graph/reference/reshape.h"
#include "graph/reference/softmax.h"

namespace campaign::graph::reference {
namespace {

HostTensor Make(Shape shape, std::vector<float> values) {
  HostTensor t(DType::kFloat32, std::move(shape));
  std::copy(values.begin(), values.end(), t.values<float>().begin());
  return t;
}

std::vector<float> Values(const HostTensor& t) {
  auto v = t.values<float>();
  return {v.begin(), v.end()};
}

TEST(ReferenceConvTest, Known3x3WithPaddingAndBias) {
  HostTensor x = Make({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  HostTensor w = Make({1, 1, 3, 3}, std::vector<float>(9, 1.0f));
  HostTensor b = Make({1}, {1});
  Conv2dParams p;
  p.kernel_h = p.kernel_w = 3;
  p.pad_top = p.pad_left = p.pad_bottom = p.pad_right = 1;
  auto shape = Conv2dOutputShape(x.shape(), w.shape(), p);
  ASSERT_TRUE(shape.ok());
  EXPECT_EQ(*shape, (Shape{1, 1, 3, 3}));
  HostTensor y(DType::kFloat32, *shape);
  Conv2d(x, w, &b, p, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{13, 22, 17, 28, 46, 34, 25, 40, 29}));
}

TEST(ReferenceConvTest, StrideGroupsAndShapeErrors) {
  // Two groups, 1x1 kernels with weights 1 and 2, stride 2.
  HostTensor x = Make({1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  HostTensor w = Make({2, 1, 1, 1}, {1, 2});
  Conv2dParams p;
  p.group = 2;
  p.stride_h = p.stride_w = 2;
  auto shape = Conv2dOutputShape(x.shape(), w.shape(), p);
  ASSERT_TRUE(shape.ok());
  EXPECT_EQ(*shape, (Shape{1, 2, 1, 1}));
  HostTensor y(DType::kFloat32, *shape);
  Conv2d(x, w, nullptr, p, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{1, 10}));
  p.group = 3;
  EXPECT_EQ(Conv2dOutputShape(x.shape(), w.shape(), p).status().reason(), Reason::kInvalidModel);
}

TEST(ReferencePoolTest, CeilModeOutputSizes) {
  EXPECT_EQ(PoolOutputSize(6, 3, 2, 0, 0, 1, false), 2);
  EXPECT_EQ(PoolOutputSize(6, 3, 2, 0, 0, 1, true), 3);
  // SqueezeNet: 111 -> 55 with 3x3/2 ceil_mode.
  EXPECT_EQ(PoolOutputSize(111, 3, 2, 0, 0, 1, true), 55);
  EXPECT_EQ(PoolOutputSize(112, 3, 2, 0, 0, 1, true), 56);
  // A last window starting in the end padding is dropped (PyTorch rule).
  EXPECT_EQ(PoolOutputSize(5, 2, 2, 1, 1, 1, true), 3);
}

TEST(ReferencePoolTest, MaxPoolCeilModeValues) {
  HostTensor x = Make({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  Pool2dParams p;
  p.kernel_h = p.kernel_w = 2;
  p.stride_h = p.stride_w = 2;
  p.ceil_mode = true;
  auto shape = Pool2dOutputShape(x.shape(), p);
  ASSERT_TRUE(shape.ok());
  EXPECT_EQ(*shape, (Shape{1, 1, 2, 2}));
  HostTensor y(DType::kFloat32, *shape);
  Pool2d(x, p, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{5, 6, 8, 9}));
}

TEST(ReferencePoolTest, AveragePoolCountIncludePad) {
  HostTensor x = Make({1, 1, 2, 2}, {1, 2, 3, 4});
  Pool2dParams p;
  p.kind = PoolKind::kAverage;
  p.kernel_h = p.kernel_w = 2;
  p.pad_top = p.pad_left = p.pad_bottom = p.pad_right = 1;
  HostTensor y(DType::kFloat32, Pool2dOutputShape(x.shape(), p).value());
  ASSERT_EQ(y.shape(), (Shape{1, 1, 3, 3}));
  Pool2d(x, p, &y);
  EXPECT_FLOAT_EQ(Values(y)[0], 1.0f);  // only x[0,0] counted
  EXPECT_FLOAT_EQ(Values(y)[4], 2.5f);  // the full window
  p.count_include_pad = true;
  Pool2d(x, p, &y);
  EXPECT_FLOAT_EQ(Values(y)[0], 0.25f);  // padding counts
  EXPECT_FLOAT_EQ(Values(y)[1], 0.75f);
}

TEST(ReferencePoolTest, GlobalAveragePool) {
  HostTensor x = Make({1, 2, 1, 3}, {1, 2, 3, 10, 20, 30});
  HostTensor y(DType::kFloat32, {1, 2, 1, 1});
  GlobalAveragePool(x, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{2, 20}));
}

TEST(ReferenceElementwiseTest, BroadcastAndUnary) {
  HostTensor a = Make({2, 3}, {1, 2, 3, 4, 5, 6});
  HostTensor b = Make({3}, {10, 20, 30});
  ASSERT_EQ(BroadcastShape(a.shape(), b.shape()).value(), (Shape{2, 3}));
  EXPECT_FALSE(BroadcastShape({2, 3}, {2}).ok());
  HostTensor y(DType::kFloat32, {2, 3});
  Binary(BinaryKind::kSub, a, b, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{-9, -18, -27, -6, -15, -24}));
  HostTensor col = Make({2, 1}, {2, 4});
  Binary(BinaryKind::kDiv, a, col, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{0.5, 1, 1.5, 1, 1.25, 1.5}));
  HostTensor x = Make({4}, {-2, -0.5, 0.5, 7});
  HostTensor u(DType::kFloat32, {4});
  Unary(UnaryKind::kClip, 0, 6, x, &u);
  EXPECT_EQ(Values(u), (std::vector<float>{0, 0, 0.5, 6}));
  Unary(UnaryKind::kRelu, 0, 0, x, &u);
  EXPECT_EQ(Values(u), (std::vector<float>{0, 0, 0.5, 7}));
  Unary(UnaryKind::kSigmoid, 0, 0, x, &u);
  EXPECT_NEAR(Values(u)[0], 1 / (1 + std::exp(2.0)), 1e-7);
}

TEST(ReferenceGemmTest, TransposesAlphaBetaAndBias) {
  HostTensor a = Make({2, 2}, {1, 2, 3, 4});
  HostTensor b = Make({2, 2}, {5, 6, 7, 8});
  HostTensor c = Make({2}, {1, 2});
  GemmParams p;
  p.trans_b = true;
  p.alpha = 2;
  p.beta = 10;
  Shape cs = c.shape();
  ASSERT_EQ(GemmOutputShape(a.shape(), b.shape(), &cs, p).value(), (Shape{2, 2}));
  HostTensor y(DType::kFloat32, {2, 2});
  Gemm(a, b, &c, p, &y);
  // A * B^T = [[17, 23], [39, 53]].
  EXPECT_EQ(Values(y), (std::vector<float>{44, 66, 88, 126}));
}

TEST(ReferenceGemmTest, BatchedMatMulBroadcasts) {
  EXPECT_EQ(MatMulOutputShape({2, 1, 3, 4}, {5, 4, 6}).value(), (Shape{2, 5, 3, 6}));
  EXPECT_EQ(MatMulOutputShape({3, 4}, {4}).value(), (Shape{3}));
  EXPECT_FALSE(MatMulOutputShape({3, 4}, {5, 6}).ok());
  HostTensor a = Make({2, 1, 2}, {1, 2, 3, 4});
  HostTensor b = Make({2, 1}, {10, 100});
  HostTensor y(DType::kFloat32, MatMulOutputShape(a.shape(), b.shape()).value());
  MatMul(a, b, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{210, 430}));
}

TEST(ReferenceShapeTest, ReshapeFlattenConcatSoftmax) {
  std::vector<int64_t> spec{0, -1};
  EXPECT_EQ(ReshapeOutputShape({2, 3, 4}, spec, false).value(), (Shape{2, 12}));
  std::vector<int64_t> bad{5, -1};
  EXPECT_EQ(ReshapeOutputShape({2, 3, 4}, bad, false).status().reason(), Reason::kInvalidModel);
  EXPECT_EQ(FlattenOutputShape({2, 3, 4, 5}, 2).value(), (Shape{6, 20}));
  EXPECT_EQ(FlattenOutputShape({2, 3}, 0).value(), (Shape{1, 6}));
  HostTensor a = Make({2, 1}, {1, 2});
  HostTensor b = Make({2, 2}, {3, 4, 5, 6});
  Shape cs = ConcatOutputShape({a.shape(), b.shape()}, 1).value();
  ASSERT_EQ(cs, (Shape{2, 3}));
  HostTensor c(DType::kFloat32, cs);
  Concat({&a, &b}, 1, &c);
  EXPECT_EQ(Values(c), (std::vector<float>{1, 3, 4, 2, 5, 6}));
  HostTensor x = Make({1, 3}, {1, 2, 3});
  HostTensor s(DType::kFloat32, {1, 3});
  Softmax(x, 1, &s);
  double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  EXPECT_NEAR(Values(s)[2], std::exp(3.0) / z, 1e-7);
}

}  // namespace
}  // namespace campaign::graph::reference
