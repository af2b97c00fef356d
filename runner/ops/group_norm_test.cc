// GroupNormalization (scale/bias per group, opset 18, and per channel,
// opset 21) and MeanVarianceNormalization (default and explicit axes): the
// device classes against the reference classes on random shapes.
#include <gtest/gtest.h>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;
using testing::SetInts;

TEST_F(CoverageOpsTest, GroupNormBothScaleForms) {
  for (int rank : {3, 4, 5}) {
    for (bool per_channel : {false, true}) {
      const int64_t groups = 1 + rng_() % 3, per = 1 + rng_() % 3;
      Shape s = RandomShape(rank, 1, 7);
      s[1] = groups * per;
      const int64_t len = per_channel ? s[1] : groups;
      ModelBuilder b;
      b.AddInput("x", s);
      b.AddInitializer("scale", {len}, {}, 3);
      b.AddInitializer("bias", {len}, {}, 4);
      auto* n = b.AddNode("GroupNormalization", {"x", "scale", "bias"}, {"y"});
      SetInt(n, "num_groups", groups);
      SetFloat(n, "epsilon", 1e-4f);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(b.model(),
                                   "GroupNorm " + graph::ShapeToString(s) + " groups " +
                                       std::to_string(groups) +
                                       (per_channel ? " per channel" : " per group"),
                                   2e-5);
    }
  }
}

TEST_F(CoverageOpsTest, MeanVarianceNormAxes) {
  struct Case {
    int rank;
    std::vector<int64_t> axes;  // empty: the default [0, 2, 3]
  };
  for (const Case& c :
       std::vector<Case>{{4, {}}, {4, {2, 3}}, {3, {0, 2}}, {5, {1, -1}}, {4, {1}}}) {
    Shape s = RandomShape(c.rank, 1, 8);
    ModelBuilder b;
    b.AddInput("x", s);
    auto* n = b.AddNode("MeanVarianceNormalization", {"x"}, {"y"});
    if (!c.axes.empty()) SetInts(n, "axes", c.axes);
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), "MVN " + graph::ShapeToString(s), 2e-5);
  }
}

}  // namespace
}  // namespace campaign::runner
