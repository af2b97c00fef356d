// Aliasing ops (Reshape, Flatten, ...) and Softmax: the device classes against the reference
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

TEST_F(OpsTest, AliasesAndSoftmax) {
  ModelBuilder b;
  b.AddInput("x", {2, 3, 4, 5});
  b.AddInt64Initializer("shape", {0, -1, 5});
  b.AddNode("Reshape", {"x", "shape"}, {"r"});
  auto* f = b.AddNode("Flatten", {"r"}, {"f"});
  SetInt(f, "axis", 2);
  b.AddNode("Identity", {"f"}, {"i"});
  b.AddNode("Dropout", {"i"}, {"d"});
  auto* s = b.AddNode("Softmax", {"d"}, {"y"});
  SetInt(s, "axis", 0);
  b.AddOutput("y");
  Check(b, "Reshape/Flatten/Identity/Dropout -> Softmax axis 0");
  ModelBuilder last;
  last.AddInput("x", {3, 4, 10});
  last.AddNode("Softmax", {"x"}, {"y"});
  last.AddOutput("y");
  Check(last, "Softmax axis -1");
}

}  // namespace
}  // namespace campaign::runner
