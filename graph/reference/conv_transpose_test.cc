// Reference ConvTranspose and ConvNd against hand-computed values on tiny
// tensors.
#include "graph/reference/conv_transpose.h"

#include <gtest/gtest.h>

#include <vector>

#include "graph/reference/conv.h"

namespace campaign::graph::reference {
namespace {

HostTensor Make(const Shape& shape, const std::vector<float>& values) {
  HostTensor t(DType::kFloat32, shape);
  auto v = t.values<float>();
  for (size_t i = 0; i < values.size(); ++i) v[i] = values[i];
  return t;
}

std::vector<float> Values(const HostTensor& t) {
  auto v = t.values<float>();
  return {v.begin(), v.end()};
}

// x = [1, 2, 3], w = [1, 10], stride 2: the full result is
// [1, 10, 2, 20, 3, 30]; pad_begin 1 and an output of 4 keep [10, 2, 20, 3].
TEST(ConvTransposeReferenceTest, Strided1dWithPadsAndBias) {
  HostTensor x = Make({1, 1, 3}, {1, 2, 3});
  HostTensor w = Make({1, 1, 2}, {1, 10});
  HostTensor b = Make({1}, {0.5f});
  ConvTransposeParams p;
  p.win.kernel = {1, 1, 2};
  p.win.stride = {1, 1, 2};
  p.win.pad_begin = {0, 0, 1};
  HostTensor y(DType::kFloat32, {1, 1, 4});
  ConvTranspose(x, w, &b, p, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{10.5f, 2.5f, 20.5f, 3.5f}));
  // A negative pad_begin (output_shape beyond the full result) adds zeros in front.
  p.win.pad_begin = {0, 0, -1};
  HostTensor y2(DType::kFloat32, {1, 1, 8});
  ConvTranspose(x, w, nullptr, p, &y2);
  EXPECT_EQ(Values(y2), (std::vector<float>{0, 1, 10, 2, 20, 3, 30, 0}));
}

// Two groups: output channel g reads input channel g only.
TEST(ConvTransposeReferenceTest, Groups) {
  HostTensor x = Make({1, 2, 2}, {1, 2, 3, 4});
  HostTensor w = Make({2, 1, 1}, {2, -1});
  ConvTransposeParams p;
  p.group = 2;
  HostTensor y(DType::kFloat32, {1, 2, 2});
  ConvTranspose(x, w, nullptr, p, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{2, 4, -3, -4}));
}

// ConvNd on 1-D: x = [1, 2, 3, 4], w = [1, -1], dilation 2, pads 1/0:
// y[o] = x[o - 1] - x[o + 1] over the padded input.
TEST(ConvNdReferenceTest, Dilated1d) {
  HostTensor x = Make({1, 1, 4}, {1, 2, 3, 4});
  HostTensor w = Make({1, 1, 2}, {1, -1});
  Window3d win;
  win.kernel = {1, 1, 2};
  win.dilation = {1, 1, 2};
  win.pad_begin = {0, 0, 1};
  auto shape = ConvNdOutputShape(x.shape(), w.shape(), win, 1);
  ASSERT_TRUE(shape.ok()) << shape.status().ToString();
  ASSERT_EQ(*shape, (Shape{1, 1, 3}));
  HostTensor y(DType::kFloat32, *shape);
  ConvNd(x, w, nullptr, win, 1, &y);
  EXPECT_EQ(Values(y), (std::vector<float>{-2, -2, -2}));
}

}  // namespace
}  // namespace campaign::graph::reference
