// Reference Resize against values of ONNX's own test cases that the
// installed test data (ONNX 1.12) lacks: half_pixel_symmetric (opset 19)
// and the nearest rule of Resize-10 / Upsample.
#include "graph/reference/resize.h"

#include <gtest/gtest.h>

#include <vector>

namespace campaign::graph::reference {
namespace {

std::vector<float> ResizeValues(const Shape& in, const std::vector<float>& values,
                                const std::vector<float>& scales, const ResizeParams& p) {
  HostTensor x(DType::kFloat32, in);
  auto px = x.values<float>();
  for (size_t i = 0; i < px.size(); ++i) px[i] = values[i];
  auto out = ResizeShape(in, scales, {});
  EXPECT_TRUE(out.ok());
  auto t = MakeResizeTables(in, *out, scales, {}, p);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  HostTensor y(DType::kFloat32, *out);
  Resize(x, *t, 0.0f, &y);
  auto py = y.values<float>();
  return {py.begin(), py.end()};
}

// test_resize_downsample_scales_linear_half_pixel_symmetric (ONNX 1.16).
TEST(ResizeReferenceTest, HalfPixelSymmetricDownsample) {
  ResizeParams p;
  p.mode = "linear";
  p.coordinate_mode = "half_pixel_symmetric";
  auto y = ResizeValues({1, 1, 1, 4}, {1, 2, 3, 4}, {1, 1, 1, 0.6f}, p);
  ASSERT_EQ(y.size(), 2u);
  EXPECT_NEAR(y[0], 1.6666666f, 1e-5);
  EXPECT_NEAR(y[1], 3.3333333f, 1e-5);
}

// test_resize_upsample_scales_linear_half_pixel_symmetric (ONNX 1.16).
TEST(ResizeReferenceTest, HalfPixelSymmetricUpsample) {
  ResizeParams p;
  p.mode = "linear";
  p.coordinate_mode = "half_pixel_symmetric";
  auto y = ResizeValues({1, 1, 2, 2}, {1, 2, 3, 4}, {1, 1, 2.3f, 2.94f}, p);
  const std::vector<float> want = {1.0f,        1.15986395f, 1.5f,        1.84013605f, 2.0f,
                                   1.56521738f, 1.72508133f, 2.06521738f, 2.40535343f, 2.56521738f,
                                   2.43478262f, 2.59464657f, 2.93478262f, 3.27491867f, 3.43478262f,
                                   3.0f,        3.15986395f, 3.5f,        3.84013605f, 4.0f};
  ASSERT_EQ(y.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(y[i], want[i], 1e-5) << i;
}

// Upsample nearest repeats each value `scale` times (floor of x / scale).
TEST(ResizeReferenceTest, LegacyNearestRepeats) {
  ResizeParams p;
  p.coordinate_mode = "asymmetric";
  p.nearest_mode = kLegacyNearest;
  auto y = ResizeValues({1, 1, 2, 2}, {1, 2, 3, 4}, {1, 1, 2, 3}, p);
  const std::vector<float> want = {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2,
                                   3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4};
  EXPECT_EQ(y, want);
}

}  // namespace
}  // namespace campaign::graph::reference
