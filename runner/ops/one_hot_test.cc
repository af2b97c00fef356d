// OneHot: the device class against the reference class on random shapes,
// index and value types, axes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/ops/index_test_util.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::AddIntInitializer;
using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::OnnxType;
using testing::SetInt;

TEST_F(CoverageOpsTest, OneHotIndexAndValueTypes) {
  int id = 0;
  for (DType it : {DType::kInt64, DType::kInt32, DType::kFloat32}) {
    for (DType vt : {DType::kFloat32, DType::kInt32, DType::kInt64}) {
      int rank = 1 + static_cast<int>(rng_() % 3);
      Shape s = RandomShape(rank, 1, 5);
      int64_t axis = static_cast<int64_t>(rng_() % (rank + 1)) - (rng_() % 2 ? rank + 1 : 0);
      ModelBuilder b;
      // Random int indices lie in [0, 100), float ones in [-1, 1): a depth
      // of 60 leaves some out of range (int) or negative (float -> 0).
      b.AddInput("indices", s, OnnxType(it));
      AddIntInitializer(b, "depth", {}, {60});
      b.AddInput("values", {2}, OnnxType(vt));
      SetInt(b.AddNode("OneHot", {"indices", "depth", "values"}, {"y"}), "axis", axis);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(b.model(), "OneHot #" + std::to_string(id++) + " " +
                                                  graph::ShapeToString(s) + " axis " +
                                                  std::to_string(axis));
    }
  }
}

}  // namespace
}  // namespace campaign::runner
