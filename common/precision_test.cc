#include "common/precision.h"

#include <gtest/gtest.h>

namespace campaign {
namespace {

TEST(PrecisionTest, NamesRoundTripThroughTheTable) {
  for (const PrecisionDefaults& d : kPrecisionDefaults) {
    EXPECT_EQ(PrecisionName(d.precision), d.name);
    EXPECT_EQ(PrecisionFromName(d.name), d.precision);
  }
  EXPECT_EQ(PrecisionFromName("FP16"), std::nullopt);
  EXPECT_EQ(PrecisionFromName("bf16"), std::nullopt);
}

// The documented defaults (schema/campaign-yaml.md, docs/converter.md).
TEST(PrecisionTest, DefaultTolerances) {
  EXPECT_DOUBLE_EQ(DefaultTolerance(Precision::kFp32), 1e-4);
  EXPECT_DOUBLE_EQ(DefaultTolerance(Precision::kFp16), 1e-2);
  EXPECT_DOUBLE_EQ(DefaultTolerance(Precision::kInt8), 5e-2);
  static_assert(DefaultTolerance(Precision::kInt8) > DefaultTolerance(Precision::kFp16));
}

}  // namespace
}  // namespace campaign
