// Shrink: the device class against the reference class on random shapes,
// soft (bias = lambd) and hard (bias 0).
#include <gtest/gtest.h>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;

TEST_F(CoverageOpsTest, ShrinkSoftAndHard) {
  for (float bias : {0.0f, 0.4f}) {
    Shape s = RandomShape(3, 1, 9);
    ModelBuilder b;
    b.AddInput("x", s);
    auto* n = b.AddNode("Shrink", {"x"}, {"y"});
    SetFloat(n, "lambd", 0.4f);
    SetFloat(n, "bias", bias);
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), "Shrink bias " + std::to_string(bias), 0.0);
  }
}

}  // namespace
}  // namespace campaign::runner
