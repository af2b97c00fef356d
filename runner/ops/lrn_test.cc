// LRN: the device class against the reference class on random shapes of
// rank 3 to 5, odd and even window sizes.
#include <gtest/gtest.h>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;

TEST_F(CoverageOpsTest, LrnWindows) {
  for (int rank : {3, 4, 5}) {
    for (int size : {1, 2, 3, 5}) {
      Shape s = RandomShape(rank, 1, 7);
      ModelBuilder b;
      b.AddInput("x", s);
      auto* n = b.AddNode("LRN", {"x"}, {"y"});
      SetInt(n, "size", size);
      SetFloat(n, "alpha", 0.02f);
      SetFloat(n, "beta", 0.6f);
      SetFloat(n, "bias", 1.5f);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(
          b.model(), "LRN size " + std::to_string(size) + " " + graph::ShapeToString(s), 2e-5);
    }
  }
}

}  // namespace
}  // namespace campaign::runner
