#include "converter/passes/fuse_residual.h"

#include <gtest/gtest.h>

#include "converter/passes/fuse_activation.h"
#include "converter/passes/pass_test_util.h"
#include "converter/passes/simplify.h"

namespace campaign::converter {
namespace {

using namespace testing;

// A resnet-style block on x [2, 4, 6, 6]: main = Conv3x3(x), shortcut =
// Conv1x1(x) placed after it in node order, z = Add(main, shortcut) [+ Relu].
onnx::ModelProto Bottleneck(bool relu, bool main_first_in_add) {
  ModelBuilder b;
  b.AddInput("x", {2, 4, 6, 6});
  b.AddInitializer("w3", {4, 4, 3, 3});
  b.AddInitializer("b3", {4});
  b.AddInitializer("w1", {4, 4, 1, 1});
  SetInts(b.AddNode("Conv", {"x", "w3", "b3"}, {"main"}), "pads", {1, 1, 1, 1});
  b.AddNode("Conv", {"x", "w1"}, {"shortcut"});
  if (main_first_in_add) {
    b.AddNode("Add", {"main", "shortcut"}, {relu ? "z" : "y"});
  } else {
    b.AddNode("Add", {"shortcut", "main"}, {relu ? "z" : "y"});
  }
  if (relu) b.AddNode("Relu", {"z"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  return m;
}

TEST(FuseResidualTest, AddAndReluBecomeTheEpilogue) {
  for (bool relu : {true, false}) {
    SCOPED_TRACE(relu ? "Add + Relu" : "Add");
    onnx::ModelProto m = Bottleneck(relu, true);
    const onnx::ModelProto before = m;
    EXPECT_EQ(FuseResidualAdds(m), 1);
    // The shortcut Conv stays (it is the residual); main + Add (+ Relu) fuse.
    ASSERT_EQ(m.graph().node_size(), 2);
    EXPECT_EQ(CountOps(m.graph(), "Add"), 0);
    EXPECT_EQ(CountOps(m.graph(), "Relu"), 0);
    const onnx::NodeProto& f = m.graph().node(1);  // after the shortcut it reads
    EXPECT_EQ(f.op_type(), "FusedConv");
    ASSERT_EQ(f.input_size(), 4);
    EXPECT_EQ(f.input(2), "b3");
    EXPECT_EQ(f.input(3), "shortcut");
    EXPECT_EQ(f.output(0), "y");
    EXPECT_EQ(StringAttr(m.graph(), "ai.campaign.FusedConv", "activation"), relu ? "Relu" : "None");
    ExpectSameOutputs(before, m);
  }
}

TEST(FuseResidualTest, ResidualFirstAndNoBias) {
  // mobilenet_v2's inverted residual: y = Add(x, Conv1x1(x)), no Relu.
  ModelBuilder b;
  b.AddInput("x", {1, 3, 5, 7});
  b.AddInitializer("w", {3, 3, 1, 1});
  b.AddNode("Conv", {"x", "w"}, {"c"});
  b.AddNode("Add", {"x", "c"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FuseResidualAdds(m), 1);
  ASSERT_EQ(m.graph().node_size(), 1);
  const onnx::NodeProto& f = m.graph().node(0);
  ASSERT_EQ(f.input_size(), 4);
  EXPECT_EQ(f.input(2), "");
  EXPECT_EQ(f.input(3), "x");
  ExpectSameOutputs(before, m);
}

TEST(FuseResidualTest, AfterFusedActivationOnlyWhenItHasNone) {
  // Conv -> Relu (fused by fuse_activation) -> Add: the Add must stay, since
  // act(conv) + R is not act(conv + R).
  ModelBuilder b;
  b.AddInput("x", {1, 3, 5, 5});
  b.AddInitializer("w", {3, 3, 1, 1});
  b.AddNode("Conv", {"x", "w"}, {"c"});
  b.AddNode("Relu", {"c"}, {"r"});
  b.AddNode("Add", {"r", "x"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  EXPECT_EQ(FuseActivations(m), 1);
  EXPECT_EQ(FuseResidualAdds(m), 0);
  EXPECT_EQ(CountOps(m.graph(), "Add"), 1);
}

TEST(FuseResidualTest, BasicBlockThroughSimplify) {
  // resnet's basic block: Relu(Conv(Relu(Conv(x))) + x) -> two FusedConv nodes
  // (fuse_activation, then fuse_residual in the same simplify round).
  ModelBuilder b;
  b.AddInput("x", {2, 4, 7, 7});
  b.AddInitializer("w1", {4, 4, 3, 3});
  b.AddInitializer("w2", {4, 4, 3, 3});
  b.AddInitializer("b2", {4});
  SetInts(b.AddNode("Conv", {"x", "w1"}, {"c1"}), "pads", {1, 1, 1, 1});
  b.AddNode("Relu", {"c1"}, {"r1"});
  SetInts(b.AddNode("Conv", {"r1", "w2", "b2"}, {"c2"}), "pads", {1, 1, 1, 1});
  b.AddNode("Add", {"c2", "x"}, {"s"});
  b.AddNode("Relu", {"s"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  const onnx::ModelProto before = m;
  auto r = Simplify(m);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(m.graph().node_size(), 2) << r->ToString();
  EXPECT_EQ(CountOps(m.graph(), "ai.campaign.FusedConv"), 2);
  const onnx::NodeProto& last = m.graph().node(1);
  ASSERT_EQ(last.input_size(), 4);
  EXPECT_EQ(last.input(3), "x");
  EXPECT_EQ(last.output(0), "y");
  bool recorded = false;
  for (const auto& p : r->passes)
    recorded = recorded || (p.pass == "fuse_residual" && p.rewrites == 1);
  EXPECT_TRUE(recorded) << r->ToString();
  ExpectSameOutputs(before, m);
}

TEST(FuseResidualTest, LeavesBroadcastsAndSharedOutputs) {
  {  // the Add broadcasts a per-channel tensor: not a residual
    ModelBuilder b;
    b.AddInput("x", {1, 3, 5, 5});
    b.AddInitializer("w", {3, 3, 1, 1});
    b.AddInitializer("s", {1, 3, 1, 1});
    b.AddNode("Conv", {"x", "w"}, {"c"});
    b.AddNode("Add", {"c", "s"}, {"y"});
    b.AddOutput("y");
    onnx::ModelProto m = b.model();
    InferShapes(m);
    EXPECT_EQ(FuseResidualAdds(m), 0);
  }
  {  // the conv output is read twice
    ModelBuilder b;
    b.AddInput("x", {1, 3, 5, 5});
    b.AddInitializer("w", {3, 3, 1, 1});
    b.AddNode("Conv", {"x", "w"}, {"c"});
    b.AddNode("Add", {"c", "x"}, {"y"});
    b.AddNode("Sigmoid", {"c"}, {"s"});
    b.AddOutput("y");
    b.AddOutput("s");
    onnx::ModelProto m = b.model();
    InferShapes(m);
    EXPECT_EQ(FuseResidualAdds(m), 0);
  }
  {  // the Add's output is also a graph output: the Relu is not fused
    onnx::ModelProto m = Bottleneck(true, true);
    *m.mutable_graph()->add_output() = m.graph().value_info(0);
    bool found = false;
    for (const auto& vi : m.graph().value_info()) {
      if (vi.name() == "z") {
        *m.mutable_graph()->mutable_output(1) = vi;
        found = true;
      }
    }
    ASSERT_TRUE(found);
    const onnx::ModelProto before = m;
    EXPECT_EQ(FuseResidualAdds(m), 1);
    EXPECT_EQ(CountOps(m.graph(), "Relu"), 1);
    EXPECT_EQ(StringAttr(m.graph(), "ai.campaign.FusedConv", "activation"), "None");
    ExpectSameOutputs(before, m);
  }
}

}  // namespace
}  // namespace campaign::converter
