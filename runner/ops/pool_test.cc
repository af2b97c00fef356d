// MaxPool, AveragePool, GlobalAveragePool: the device classes against the reference classes on
// random shapes (runner/ops/op_test_fixtures.h).
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

TEST_F(OpsTest, Pooling) {
  struct Case {
    const char* op;
    Shape x;
    std::vector<int64_t> kernel, strides, pads;
    int64_t ceil_mode, include_pad;
  };
  std::vector<Case> cases = {
      {"MaxPool", {1, 2, 13, 13}, {3, 3}, {2, 2}, {0, 0, 0, 0}, 1, 0},
      {"MaxPool", {2, 3, 8, 9}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 0},
      {"MaxPool", {1, 1, 5, 5}, {2, 2}, {2, 2}, {1, 1, 1, 1}, 1, 0},
      {"AveragePool", {1, 2, 7, 7}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 1},
      {"AveragePool", {1, 2, 7, 7}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 0},
      {"AveragePool", {1, 2, 6, 6}, {3, 3}, {2, 2}, {0, 0, 1, 1}, 1, 1},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    b.AddInput("x", c.x);
    auto* n = b.AddNode(c.op, {"x"}, {"y"});
    SetInts(n, "kernel_shape", c.kernel);
    SetInts(n, "strides", c.strides);
    SetInts(n, "pads", c.pads);
    SetInt(n, "ceil_mode", c.ceil_mode);
    if (std::string(c.op) == "AveragePool") SetInt(n, "count_include_pad", c.include_pad);
    b.AddOutput("y");
    Check(b, std::string(c.op) + " " + graph::ShapeToString(c.x) + " ceil " +
                 std::to_string(c.ceil_mode) + " include_pad " + std::to_string(c.include_pad));
  }
  ModelBuilder g;
  g.AddInput("x", {2, 3, 5, 7});
  g.AddNode("GlobalAveragePool", {"x"}, {"y"});
  g.AddOutput("y");
  Check(g, "GlobalAveragePool");
}

}  // namespace
}  // namespace campaign::runner
