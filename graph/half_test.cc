#include "graph/half.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace campaign::graph {
namespace {

TEST(HalfTest, EveryHalfRoundTripsThroughFloat) {
  for (uint32_t h = 0; h <= 0xffff; ++h) {
    const float f = HalfToFloat(static_cast<uint16_t>(h));
    if (std::isnan(f)) {
      EXPECT_TRUE(std::isnan(HalfToFloat(FloatToHalf(f)))) << std::hex << h;
      continue;
    }
    ASSERT_EQ(FloatToHalf(f), static_cast<uint16_t>(h)) << std::hex << h << " = " << f;
  }
}

// Between every pair of neighbouring positive halves: the midpoint rounds to
// the even one, anything nearer rounds to the nearer one.
TEST(HalfTest, RoundsToNearestTiesToEven) {
  for (uint16_t h = 0; h < 0x7bff; ++h) {
    const float lo = HalfToFloat(h), hi = HalfToFloat(static_cast<uint16_t>(h + 1));
    const float mid = lo + (hi - lo) / 2;  // exact: halves have 11 significant bits
    ASSERT_EQ(FloatToHalf(mid), (h % 2 == 0) ? h : h + 1) << "tie above " << lo;
    ASSERT_EQ(FloatToHalf(std::nextafter(mid, 0.0f)), h) << "below the tie above " << lo;
    ASSERT_EQ(FloatToHalf(std::nextafter(mid, 1e9f)), h + 1) << "above the tie above " << lo;
    ASSERT_EQ(FloatToHalf(-mid), 0x8000 | ((h % 2 == 0) ? h : h + 1));
  }
}

TEST(HalfTest, RangeEnds) {
  EXPECT_EQ(FloatToHalf(1.0f), 0x3c00);
  EXPECT_EQ(FloatToHalf(-2.0f), 0xc000);
  EXPECT_EQ(FloatToHalf(65504.0f), 0x7bff);  // largest half
  EXPECT_EQ(FloatToHalf(65519.0f), 0x7bff);  // below the tie: rounds down
  EXPECT_EQ(FloatToHalf(65520.0f), 0x7c00);  // the tie rounds to even: inf
  EXPECT_EQ(FloatToHalf(1e10f), 0x7c00);     // overflow
  EXPECT_EQ(FloatToHalf(-1e10f), 0xfc00);
  EXPECT_EQ(FloatToHalf(std::ldexp(1.0f, -24)), 0x0001);  // smallest subnormal
  EXPECT_EQ(FloatToHalf(std::ldexp(1.0f, -25)), 0x0000);  // tie with 0: even
  EXPECT_EQ(FloatToHalf(std::ldexp(1.5f, -25)), 0x0001);
  EXPECT_EQ(FloatToHalf(std::ldexp(1.0f, -30)), 0x0000);  // underflow
  EXPECT_EQ(FloatToHalf(-0.0f), 0x8000);
  EXPECT_EQ(FloatToHalf(std::numeric_limits<float>::infinity()), 0x7c00);
  EXPECT_TRUE(std::isnan(HalfToFloat(FloatToHalf(std::nanf("")))));
  EXPECT_EQ(HalfToFloat(0x3555), 0.333251953125f);
}

TEST(HalfTest, TensorConversions) {
  HostTensor f(DType::kFloat32, {2, 3});
  for (int i = 0; i < 6; ++i) f.values<float>()[i] = 0.1f * static_cast<float>(i) - 0.2f;
  HostTensor h = ToFloat16(f);
  EXPECT_EQ(h.dtype(), DType::kFloat16);
  EXPECT_EQ(h.bytes(), 12u);
  EXPECT_EQ(h.shape(), f.shape());
  HostTensor back = ToFloat32(h);
  for (int i = 0; i < 6; ++i) {
    EXPECT_NEAR(back.values<float>()[i], f.values<float>()[i], 1e-3) << i;
    EXPECT_EQ(back.values<float>()[i], HalfToFloat(FloatToHalf(f.values<float>()[i])));
  }
}

}  // namespace
}  // namespace campaign::graph
