#include "converter/passes/fold_shapes.h"

#include <gtest/gtest.h>

#include "converter/passes/pass_test_util.h"
#include "converter/static_shapes.h"

namespace campaign::converter {
namespace {

using namespace testing;

// y = x + Expand(c, Where(Equal(shape, -1), 1, shape)), shape = [Shape(x)[0], -1]:
// torch's export of `c.expand(x.shape[0], -1)`. ONNX data propagation stops
// at Equal/Where, so y has no static shape until the chain is folded.
onnx::ModelProto ExpandChain() {
  ModelBuilder b;
  b.AddInput("x", {3, 4});
  b.AddInitializer("c", {1, 4});
  b.AddInt64Initializer("zero", {0});
  b.model().mutable_graph()->mutable_initializer(1)->clear_dims();  // scalar
  b.AddInt64Initializer("axes0", {0});
  b.AddInt64Initializer("minus1", {-1});
  b.AddInt64Initializer("ones", {1, 1});
  b.AddNode("Shape", {"x"}, {"s"});
  SetInt(b.AddNode("Gather", {"s", "zero"}, {"n"}), "axis", 0);
  b.AddNode("Unsqueeze", {"n", "axes0"}, {"n1"});
  SetInt(b.AddNode("Concat", {"n1", "minus1"}, {"shape"}), "axis", 0);
  b.AddNode("Equal", {"shape", "minus1"}, {"eq"});
  b.AddNode("Where", {"eq", "ones", "shape"}, {"target"});
  b.AddNode("Expand", {"c", "target"}, {"e"});
  b.AddNode("Add", {"x", "e"}, {"y"});
  b.AddOutput("y");
  return b.model();
}

TEST(FoldShapesTest, MakesShapesStaticThatInferenceAloneCannot) {
  onnx::ModelProto m = ExpandChain();
  InferShapes(m);
  ASSERT_FALSE(VerifyStaticShapes(m).ok()) << "the test needs a chain ONNX cannot see through";
  const onnx::ModelProto before = m;
  auto folded = FoldShapes(m);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, 7);  // everything but the Add
  EXPECT_EQ(m.graph().node_size(), 1);
  Status st = VerifyStaticShapes(m);
  EXPECT_TRUE(st.ok()) << st.ToString();
  ExpectSameOutputs(before, m);
}

}  // namespace
}  // namespace campaign::converter
