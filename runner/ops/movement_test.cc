// Transpose, Slice, Expand, Split on random shapes: the device classes against the reference
// classes on random shapes (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <cmath>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;
using testing::SetInts;

TEST_F(CoverageOpsTest, MovementOnRandomShapes) {
  for (int trial = 0; trial < 4; ++trial) {
    Shape s = RandomShape(4, 1, 5);
    std::vector<int64_t> perm{0, 1, 2, 3};
    std::shuffle(perm.begin(), perm.end(), rng_);
    ModelBuilder t;
    t.AddInput("x", s);
    SetInts(t.AddNode("Transpose", {"x"}, {"y"}), "perm", perm);
    t.AddOutput("y");
    ExpectDeviceMatchesReference(t.model(), "Transpose " + graph::ShapeToString(s));

    ModelBuilder sl;  // reversed slice on axis 1, strided slice on axis 3
    sl.AddInput("x", s);
    sl.AddInt64Initializer("starts", {-1, 0});
    sl.AddInt64Initializer("ends", {INT64_MIN, 1000});
    sl.AddInt64Initializer("axes", {1, 3});
    sl.AddInt64Initializer("steps", {-1, 2});
    sl.AddNode("Slice", {"x", "starts", "ends", "axes", "steps"}, {"y"});
    sl.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(sl.model(), "Slice " + graph::ShapeToString(s));
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape(), (Shape{s[0], s[1], s[2], (s[3] + 1) / 2}));
    }
  }
  ModelBuilder e;  // Expand, Split, Unsqueeze, Squeeze, Concat of int64 shapes
  e.AddInput("x", {3, 1, 6});
  e.AddInt64Initializer("shape", {2, 3, 4, 6});
  e.AddNode("Expand", {"x", "shape"}, {"big"});
  e.AddInt64Initializer("sizes", {1, 2, 3});
  SetInt(e.AddNode("Split", {"big", "sizes"}, {"p0", "p1", "p2"}), "axis", 3);
  e.AddInt64Initializer("ax", {0});
  e.AddNode("Unsqueeze", {"p2", "ax"}, {"u"});
  e.AddNode("Squeeze", {"u", "ax"}, {"q"});
  e.AddOutput("p0");
  e.AddOutput("p1");
  e.AddOutput("q");
  ExpectDeviceMatchesReference(e.model(), "Expand/Split/Unsqueeze/Squeeze");
}

}  // namespace
}  // namespace campaign::runner
