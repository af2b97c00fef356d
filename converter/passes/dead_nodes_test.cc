#include "converter/passes/dead_nodes.h"

#include <gtest/gtest.h>

#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

TEST(DeadNodesTest, RemovesBranchesThatReachNoOutput) {
  ModelBuilder b;
  b.AddInput("x", {2, 3});
  b.AddNode("Relu", {"x"}, {"r"});
  b.AddNode("Exp", {"r"}, {"dead1"});      // read only by dead2
  b.AddNode("Neg", {"dead1"}, {"dead2"});  // read by nothing
  b.AddNode("Sigmoid", {"r"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  const onnx::ModelProto before = m;
  EXPECT_EQ(EliminateDeadNodes(*m.mutable_graph()), 2);
  ASSERT_EQ(m.graph().node_size(), 2);
  EXPECT_EQ(m.graph().node(0).op_type(), "Relu");
  EXPECT_EQ(m.graph().node(1).op_type(), "Sigmoid");
  ExpectSameOutputs(before, m);
  EXPECT_EQ(EliminateDeadNodes(*m.mutable_graph()), 0);
}

}  // namespace
}  // namespace campaign::converter
