// Reference Pad against hand-computed values on tiny tensors.
#include "graph/reference/pad.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace campaign::graph::reference {
namespace {

// Pads x (values 1..n along `shape`) and returns the values.
std::vector<float> PadValues(const Shape& shape, const std::vector<int64_t>& pads, PadMode mode,
                             Shape* out_shape = nullptr, float value = 0.0f) {
  HostTensor x(DType::kFloat32, shape);
  auto px = x.values<float>();
  for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<float>(i + 1);
  PadParams p;
  p.mode = mode;
  p.fill = FloatFill(value);
  std::vector<int64_t> axes;
  for (size_t d = 0; d < shape.size(); ++d) axes.push_back(static_cast<int64_t>(d));
  auto y_shape = PadOutputShape(shape, pads, axes, &p);
  EXPECT_TRUE(y_shape.ok()) << y_shape.status().ToString();
  if (!y_shape.ok()) return {};
  if (out_shape) *out_shape = *y_shape;
  HostTensor y(DType::kFloat32, *y_shape);
  Pad(x, p, &y);
  auto py = y.values<float>();
  return {py.begin(), py.end()};
}

using V = std::vector<float>;

TEST(ReferencePadTest, OneDimensionalModes) {
  // x = [1 2 3 4], two in front, three behind.
  EXPECT_EQ(PadValues({4}, {2, 3}, PadMode::kConstant, nullptr, 9), V({9, 9, 1, 2, 3, 4, 9, 9, 9}));
  EXPECT_EQ(PadValues({4}, {2, 3}, PadMode::kReflect), V({3, 2, 1, 2, 3, 4, 3, 2, 1}));
  EXPECT_EQ(PadValues({4}, {2, 3}, PadMode::kEdge), V({1, 1, 1, 2, 3, 4, 4, 4, 4}));
  EXPECT_EQ(PadValues({4}, {2, 3}, PadMode::kWrap), V({3, 4, 1, 2, 3, 4, 1, 2, 3}));
}

TEST(ReferencePadTest, ReflectBeyondTheAxisKeepsReflecting) {
  // numpy.pad([1, 2, 3], (5, 5), 'reflect').
  EXPECT_EQ(PadValues({3}, {5, 5}, PadMode::kReflect), V({2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2}));
  EXPECT_EQ(PadValues({1}, {2, 1}, PadMode::kReflect), V({1, 1, 1, 1}));
}

TEST(ReferencePadTest, NegativePadsCropFirst) {
  // x = [1 2 3 4 5]: drop one in front, pad two behind within [2 3 4 5].
  EXPECT_EQ(PadValues({5}, {-1, 2}, PadMode::kConstant), V({2, 3, 4, 5, 0, 0}));
  EXPECT_EQ(PadValues({5}, {-1, 2}, PadMode::kReflect), V({2, 3, 4, 5, 4, 3}));
  EXPECT_EQ(PadValues({5}, {-1, 2}, PadMode::kWrap), V({2, 3, 4, 5, 2, 3}));
  EXPECT_EQ(PadValues({5}, {1, -2}, PadMode::kEdge), V({1, 1, 2, 3}));
}

TEST(ReferencePadTest, TwoDimensional) {
  // x = [[1 2 3], [4 5 6]]: one row in front, one column each side.
  Shape s;
  EXPECT_EQ(PadValues({2, 3}, {1, 1, 0, 1}, PadMode::kReflect, &s), V({5, 4, 5, 6, 5,  //
                                                                       2, 1, 2, 3, 2,  //
                                                                       5, 4, 5, 6, 5}));
  EXPECT_EQ(s, (Shape{3, 5}));
  EXPECT_EQ(PadValues({2, 3}, {0, 1, 1, 0}, PadMode::kEdge), V({1, 1, 2, 3,  //
                                                                4, 4, 5, 6,  //
                                                                4, 4, 5, 6}));
  EXPECT_EQ(PadValues({2, 3}, {1, -1, 0, 0}, PadMode::kWrap), V({5, 6,  //
                                                                 2, 3,  //
                                                                 5, 6}));
}

TEST(ReferencePadTest, Int64ElementsAndFill) {
  HostTensor x(DType::kInt64, {3});
  auto px = x.values<int64_t>();
  px[0] = 1LL << 40, px[1] = -2, px[2] = 3;
  PadParams p;
  p.element_size = 8;
  int64_t fill = -7;
  std::memcpy(&p.fill, &fill, sizeof fill);
  auto y_shape = PadOutputShape({3}, {1, 2}, {0}, &p);
  ASSERT_TRUE(y_shape.ok());
  HostTensor y(DType::kInt64, *y_shape);
  Pad(x, p, &y);
  auto py = y.values<int64_t>();
  EXPECT_EQ(std::vector<int64_t>(py.begin(), py.end()),
            (std::vector<int64_t>{-7, 1LL << 40, -2, 3, -7, -7}));
  p.mode = PadMode::kReflect;
  Pad(x, p, &y);
  EXPECT_EQ(std::vector<int64_t>(py.begin(), py.end()),
            (std::vector<int64_t>{-2, 1LL << 40, -2, 3, -2, 1LL << 40}));
}

TEST(ReferencePadTest, RefusesCroppingMoreThanTheAxis) {
  PadParams p;
  auto y = PadOutputShape({3}, {-2, -2}, {0}, &p);
  EXPECT_FALSE(y.ok());
  p.mode = PadMode::kEdge;
  EXPECT_FALSE(PadOutputShape({2}, {-2, 1}, {0}, &p).ok());       // nothing left to repeat
  EXPECT_FALSE(PadOutputShape({2, 2}, {1, 1}, {0, 1}, &p).ok());  // pads/axes mismatch
}

}  // namespace
}  // namespace campaign::graph::reference
