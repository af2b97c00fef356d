// The shared int8 plan: exact round trip, corrupt files, and load-or-compute.
#include "converter/int8_plan_cache.h"

#include <gtest/gtest.h>

#include <fstream>

#include "converter/test_models.h"

namespace campaign::converter {
namespace {

Int8Plan SamplePlan() {
  Int8Plan p;
  p.ranges["x"] = {-1.0f / 3.0f, 0.7071068f};
  p.ranges["h1"] = {0.0f, 1e-15f};
  p.keep_fp32["h2"] = "accuracy: sensitivity 0.0181";
  p.accuracy = "error 0.0673 with every layer in int8 > target 0.0375; ...";
  p.runs = 8;
  p.samples = 8;
  p.calibration_ms = 1234.5;
  return p;
}

TEST(Int8PlanCacheTest, RoundTripIsExact) {
  testing::TempDir dir;
  const auto path = dir.path() / "plans" / "k.json";
  ASSERT_TRUE(SaveInt8Plan(path, SamplePlan()).ok());
  auto got = LoadInt8Plan(path);
  ASSERT_TRUE(got.has_value());
  const Int8Plan want = SamplePlan();
  ASSERT_EQ(got->ranges.size(), 2u);
  for (const auto& [name, r] : want.ranges) {
    EXPECT_EQ(got->ranges.at(name).min, r.min) << name;  // bit-exact floats
    EXPECT_EQ(got->ranges.at(name).max, r.max) << name;
  }
  EXPECT_EQ(got->keep_fp32, want.keep_fp32);
  EXPECT_EQ(got->accuracy, want.accuracy);
  EXPECT_EQ(got->runs, 8);
  EXPECT_EQ(got->samples, 8);
  EXPECT_DOUBLE_EQ(got->calibration_ms, 1234.5);
}

TEST(Int8PlanCacheTest, MissingOrCorruptPlansAreRecomputed) {
  testing::TempDir dir;
  EXPECT_FALSE(LoadInt8Plan(dir.path() / "none.json").has_value());
  const auto path = dir.path() / "bad.json";
  std::ofstream(path) << "{\"format\": 1, \"ranges\": [";
  EXPECT_FALSE(LoadInt8Plan(path).has_value());
  int computed = 0;
  bool hit = true;
  auto plan = LoadOrComputeInt8Plan(
      path, [](const Int8Plan&) { return true; },
      [&]() -> Result<Int8Plan> {
        ++computed;
        return SamplePlan();
      },
      &hit);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(hit);
  EXPECT_EQ(computed, 1);
  EXPECT_TRUE(LoadInt8Plan(path).has_value());  // the corrupt file was replaced
}

TEST(Int8PlanCacheTest, SecondRequestReusesTheFirstUnlessUnusable) {
  testing::TempDir dir;
  const auto path = dir.path() / "k.json";
  int computed = 0;
  auto compute = [&]() -> Result<Int8Plan> {
    ++computed;
    return SamplePlan();
  };
  auto any = [](const Int8Plan&) { return true; };
  bool hit = true;
  ASSERT_TRUE(LoadOrComputeInt8Plan(path, any, compute, &hit).ok());
  EXPECT_FALSE(hit);
  auto again = LoadOrComputeInt8Plan(path, any, compute, &hit);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(hit);
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(again->keep_fp32, SamplePlan().keep_fp32);
  // A plan lacking a tensor this engine needs is recomputed.
  auto needs_y = [](const Int8Plan& p) { return p.ranges.count("y") > 0; };
  ASSERT_TRUE(LoadOrComputeInt8Plan(path, needs_y, compute, &hit).ok());
  EXPECT_FALSE(hit);
  EXPECT_EQ(computed, 2);
  // No path: always computed, nothing written.
  ASSERT_TRUE(LoadOrComputeInt8Plan({}, any, compute, &hit).ok());
  EXPECT_FALSE(hit);
  EXPECT_EQ(computed, 3);
}

}  // namespace
}  // namespace campaign::converter
