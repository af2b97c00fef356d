// LpNormalization: the device class against the reference class on random
// shapes, p 1 and 2, every axis (negative included), and a zero line.
#include <gtest/gtest.h>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetInt;

TEST_F(CoverageOpsTest, LpNormAxesAndOrders) {
  for (int p : {1, 2}) {
    for (int axis : {0, 1, 2, -1}) {
      Shape s = RandomShape(3, 1, 7);
      ModelBuilder b;
      b.AddInput("x", s);
      b.AddNode("Relu", {"x"}, {"r"});  // some lines all zero when short
      auto* n = b.AddNode("LpNormalization", {"r"}, {"y"});
      SetInt(n, "p", p);
      SetInt(n, "axis", axis);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(b.model(),
                                   "LpNorm p " + std::to_string(p) + " axis " +
                                       std::to_string(axis) + " " + graph::ShapeToString(s),
                                   2e-5);
    }
  }
}

}  // namespace
}  // namespace campaign::runner
