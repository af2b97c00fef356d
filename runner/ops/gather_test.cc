// Gather, GatherElements, Trilu, Cast: the device classes against the reference classes on random
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

TEST_F(CoverageOpsTest, GatherFamily) {
  ModelBuilder g;  // embedding lookup with computed int64 ids in [0, 100)
  g.AddInput("ids", {2, 7}, onnx::TensorProto::INT64);
  g.AddInitializer("table", {100, 16});
  g.AddNode("Gather", {"table", "ids"}, {"y"});
  g.AddOutput("y");
  auto got = ExpectDeviceMatchesReference(g.model(), "Gather embedding");
  if (!got.empty()) {
    EXPECT_EQ(got[0].shape(), (Shape{2, 7, 16}));
  }

  ModelBuilder ax;  // axis 1, negative constant index
  ax.AddInput("x", {3, 5, 4});
  ax.AddInt64Initializer("i", {-1, 0, 2});
  SetInt(ax.AddNode("Gather", {"x", "i"}, {"y"}), "axis", 1);
  ax.AddOutput("y");
  ExpectDeviceMatchesReference(ax.model(), "Gather axis 1");

  ModelBuilder ge;
  ge.AddInput("x", {4, 6});
  ge.AddInt64Initializer("i", {0, 5, -1, 2, 3, 1, 1, 0});
  ge.model().mutable_graph()->mutable_initializer(0)->clear_dims();
  ge.model().mutable_graph()->mutable_initializer(0)->add_dims(4);
  ge.model().mutable_graph()->mutable_initializer(0)->add_dims(2);
  SetInt(ge.AddNode("GatherElements", {"x", "i"}, {"y"}), "axis", 1);
  ge.AddOutput("y");
  ExpectDeviceMatchesReference(ge.model(), "GatherElements");

  for (int upper = 0; upper < 2; ++upper) {
    ModelBuilder tr;
    tr.AddInput("x", {2, 5, 4});
    tr.AddInt64Initializer("k", {1});
    tr.model().mutable_graph()->mutable_initializer(0)->clear_dims();
    SetInt(tr.AddNode("Trilu", {"x", "k"}, {"y"}), "upper", upper);
    tr.AddOutput("y");
    ExpectDeviceMatchesReference(tr.model(), upper ? "Trilu upper" : "Trilu lower");
  }
}

}  // namespace
}  // namespace campaign::runner
