// Concat: the device classes against the reference classes on random
// shapes (runner/ops/op_test_fixtures.h).
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

TEST_F(OpsTest, ConcatAxes) {
  for (int64_t axis : {1, 0, -1}) {
    ModelBuilder b;
    Shape s1{2, 3, 4}, s2{2, 3, 4}, s3{2, 3, 4};
    int64_t a = axis < 0 ? 2 : axis;
    s2[a] = 1;
    s3[a] = 5;
    b.AddInput("a", s1);
    b.AddInput("b", s2);
    b.AddInitializer("c", s3);
    auto* n = b.AddNode("Concat", {"a", "b", "c"}, {"y"});
    SetInt(n, "axis", axis);
    b.AddOutput("y");
    Check(b, "Concat axis " + std::to_string(axis));
  }
}

}  // namespace
}  // namespace campaign::runner
