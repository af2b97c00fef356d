#include "converter/passes/fold_constants.h"

#include <gtest/gtest.h>

#include "converter/passes/graph_util.h"
#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

// x [2,3,4,5] -> Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])) -> Relu -> y:
// torch's flatten-by-batch chain.
onnx::ModelProto ShapeChain() {
  ModelBuilder b;
  b.AddInput("x", {2, 3, 4, 5});
  b.AddInt64Initializer("zero", {0});
  b.model().mutable_graph()->mutable_initializer(0)->clear_dims();  // a scalar index
  b.AddInt64Initializer("minus1", {-1});
  b.AddInt64Initializer("axes0", {0});
  b.AddNode("Shape", {"x"}, {"s"});
  auto* gather = b.AddNode("Gather", {"s", "zero"}, {"n"});
  SetInt(gather, "axis", 0);
  b.AddNode("Unsqueeze", {"n", "axes0"}, {"n1"});
  auto* concat = b.AddNode("Concat", {"n1", "minus1"}, {"shape"});
  SetInt(concat, "axis", 0);
  b.AddNode("Reshape", {"x", "shape"}, {"r"});
  b.AddNode("Relu", {"r"}, {"y"});
  b.AddOutput("y");
  return b.model();
}

TEST(FoldConstantsTest, ShapeChainBecomesOneInitializer) {
  onnx::ModelProto m = ShapeChain();
  InferShapes(m);
  const onnx::ModelProto before = m;
  auto folded = FoldConstants(*m.mutable_graph());
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, 4);  // Shape, Gather, Unsqueeze, Concat
  EXPECT_EQ(m.graph().node_size(), 2);
  EXPECT_EQ(CountOps(m.graph(), "Reshape"), 1);
  auto shape = InitializerValue(m.graph(), "shape");
  ASSERT_TRUE(shape.has_value());
  ASSERT_EQ(shape->size(), 2);
  EXPECT_EQ(shape->values<int64_t>()[0], 2);
  EXPECT_EQ(shape->values<int64_t>()[1], -1);
  ExpectSameOutputs(before, m);
}

// x [4] + Expand(c [1], [n, 4]) -> y.
onnx::ModelProto BigExpand(int64_t n) {
  ModelBuilder b;
  b.AddInput("x", {4});
  b.AddInitializer("c", {1}, {2.5f});
  b.AddInt64Initializer("shape", {n, 4});
  b.AddNode("Expand", {"c", "shape"}, {"e"});
  b.AddNode("Add", {"x", "e"}, {"y"});
  b.AddOutput("y");
  return b.model();
}

TEST(FoldConstantsTest, RespectsTheSizeCap) {
  onnx::ModelProto m = BigExpand(1024);  // 16 KiB folded
  InferShapes(m);
  onnx::ModelProto capped = m;
  auto r = FoldConstants(*capped.mutable_graph(), /*max_bytes=*/8 << 10);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(CountOps(capped.graph(), "Expand"), 1);

  const onnx::ModelProto before = m;
  r = FoldConstants(*m.mutable_graph());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1);
  EXPECT_EQ(CountOps(m.graph(), "Expand"), 0);
  ExpectSameOutputs(before, m);
}

TEST(FoldConstantsTest, KeepsNodesThatWriteGraphOutputs) {
  ModelBuilder b;
  b.AddInput("x", {3});
  b.AddInitializer("c", {3}, {1, 2, 3});
  b.AddNode("Neg", {"c"}, {"k"});  // constant, and a graph output
  b.AddNode("Add", {"x", "k"}, {"y"});
  b.AddOutput("y");
  b.AddOutput("k");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  auto r = FoldConstants(*m.mutable_graph());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(m.graph().node_size(), 2);
}

}  // namespace
}  // namespace campaign::converter
