// InstanceNormalization: the device class against the reference class on
// random shapes of rank 3 to 5, with a spatial extent of one and a large
// plane (several items per lane of the work group).
#include <gtest/gtest.h>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;

TEST_F(CoverageOpsTest, InstanceNormRandomShapes) {
  std::vector<Shape> shapes;
  for (int rank : {3, 4, 5}) shapes.push_back(RandomShape(rank, 1, 9));
  shapes.push_back({2, 3, 1});
  shapes.push_back({1, 2, 37, 41});
  for (const Shape& s : shapes) {
    ModelBuilder b;
    b.AddInput("x", s);
    b.AddInitializer("scale", {s[1]}, {}, 3);
    b.AddInitializer("bias", {s[1]}, {}, 4);
    auto* n = b.AddNode("InstanceNormalization", {"x", "scale", "bias"}, {"y"});
    SetFloat(n, "epsilon", 1e-3f);
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), "InstanceNorm " + graph::ShapeToString(s), 2e-5);
  }
}

}  // namespace
}  // namespace campaign::runner
