#include "orchestrator/config/suggest.h"

#include <gtest/gtest.h>

#include <array>

namespace campaign::config {
namespace {

constexpr std::array<std::string_view, 6> kKeys = {"name",    "models",  "matrix",
                                                   "measure", "timeout", "device"};

TEST(EditDistanceTest, CountsEdits) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("modles", "models"), 2);
  EXPECT_EQ(EditDistance("iteration", "iterations"), 1);
}

TEST(SuggestClosestTest, FindsNearKeys) {
  EXPECT_EQ(SuggestClosest("modles", kKeys), "models");
  EXPECT_EQ(SuggestClosest("nmae", kKeys), "name");
  EXPECT_EQ(SuggestClosest("timout", kKeys), "timeout");
  EXPECT_EQ(SuggestClosest("devices", kKeys), "device");
}

TEST(SuggestClosestTest, IgnoresCaseFirst) {
  constexpr std::array<std::string_view, 3> kPrecisions = {"fp32", "fp16", "int8"};
  EXPECT_EQ(SuggestClosest("FP16", kPrecisions), "fp16");
  EXPECT_EQ(SuggestClosest("INT8", kPrecisions), "int8");
}

TEST(SuggestClosestTest, NothingWhenFar) {
  EXPECT_EQ(SuggestClosest("colour", kKeys), std::nullopt);
  EXPECT_EQ(SuggestClosest("batch", kKeys), std::nullopt);
  EXPECT_EQ(SuggestClosest("xyz", kKeys, 0), std::nullopt);
}

TEST(JoinNamesTest, CommaSeparated) {
  EXPECT_EQ(JoinNames(kKeys), "name, models, matrix, measure, timeout, device");
  EXPECT_EQ(JoinNames(std::span<const std::string_view>{}), "");
}

}  // namespace
}  // namespace campaign::config
