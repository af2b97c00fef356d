#include "converter/passes/simplify.h"

#include <gtest/gtest.h>

#include "converter/passes/fold_shapes.h"
#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

// Pad -> Conv -> BatchNorm -> Clip(0,6) -> Reshape(shape chain) -> MatMul + Add
// -> GELU, plus a dead branch and a constant subexpression: what a torch
// export looks like after cleanup.
onnx::ModelProto SmallNet() {
  ModelBuilder b;
  b.AddInput("x", {2, 3, 6, 6});
  b.AddInt64Initializer("pads", {0, 0, 1, 1, 0, 0, 1, 1});
  b.AddInitializer("w", {4, 3, 3, 3});
  b.AddInitializer("scale", {4}, {}, 21);
  b.AddInitializer("beta", {4}, {}, 22);
  b.AddInitializer("mean", {4}, {}, 23);
  b.AddInitializer("var", {4}, {0.5f, 1.0f, 1.5f, 2.0f});
  b.AddInitializer("lo", {}, {0.0f});
  b.AddInitializer("hi", {}, {6.0f});
  b.AddInt64Initializer("zero", {0});
  b.model()
      .mutable_graph()
      ->mutable_initializer(b.model().graph().initializer_size() - 1)
      ->clear_dims();  // a scalar index
  b.AddInt64Initializer("minus1", {-1});
  b.AddInt64Initializer("axes0", {0});
  b.AddInitializer("fc_w", {144, 10});
  b.AddInitializer("fc_half", {10}, {}, 24);
  b.AddInitializer("sqrt2", {}, {1.4142135f});
  b.AddInitializer("one", {}, {1.0f});
  b.AddInitializer("half", {}, {0.5f});
  b.AddNode("Pad", {"x", "pads"}, {"p"});
  b.AddNode("Conv", {"p", "w"}, {"c"});
  b.AddNode("BatchNormalization", {"c", "scale", "beta", "mean", "var"}, {"bn"});
  b.AddNode("Clip", {"bn", "lo", "hi"}, {"r6"});
  b.AddNode("Shape", {"r6"}, {"s"});
  SetInt(b.AddNode("Gather", {"s", "zero"}, {"n"}), "axis", 0);
  b.AddNode("Unsqueeze", {"n", "axes0"}, {"n1"});
  SetInt(b.AddNode("Concat", {"n1", "minus1"}, {"shape"}), "axis", 0);
  b.AddNode("Reshape", {"r6", "shape"}, {"flat"});
  b.AddNode("MatMul", {"flat", "fc_w"}, {"mm"});
  b.AddNode("Add", {"fc_half", "fc_half"}, {"fc_b"});  // constant subexpression
  b.AddNode("Add", {"mm", "fc_b"}, {"fc"});
  b.AddNode("Exp", {"fc"}, {"unused"});  // dead
  b.AddNode("Div", {"fc", "sqrt2"}, {"d"});
  b.AddNode("Erf", {"d"}, {"e"});
  b.AddNode("Add", {"e", "one"}, {"a"});
  b.AddNode("Mul", {"fc", "a"}, {"m"});
  b.AddNode("Mul", {"m", "half"}, {"y"});
  b.AddOutput("y");
  return b.model();
}

TEST(SimplifyTest, SmallNetReachesAFixedPoint) {
  onnx::ModelProto m = SmallNet();
  InferShapes(m);
  const onnx::ModelProto before = m;
  ASSERT_EQ(m.graph().node_size(), 18);
  // As in Convert(): the shape chain is folded (and shapes inferred again)
  // before simplify; ONNX alone leaves `flat` without a shape here.
  auto folded = FoldShapes(m);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  EXPECT_EQ(*folded, 5);  // Shape, Gather, Unsqueeze, Concat, the constant Add
  auto r = Simplify(m);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // FusedConv(Clip) -> Reshape -> FusedGemm(Gelu).
  ASSERT_EQ(m.graph().node_size(), 3) << r->ToString();
  EXPECT_EQ(CountOps(m.graph(), "ai.campaign.FusedConv"), 1);
  EXPECT_EQ(StringAttr(m.graph(), "ai.campaign.FusedConv", "activation"), "Clip");
  EXPECT_EQ(CountOps(m.graph(), "Reshape"), 1);
  EXPECT_EQ(CountOps(m.graph(), "ai.campaign.FusedGemm"), 1);
  EXPECT_EQ(StringAttr(m.graph(), "ai.campaign.FusedGemm", "activation"), "Gelu");
  ExpectSameOutputs(before, m, 1e-5);

  std::vector<std::string> names;
  for (const auto& p : r->passes) names.push_back(p.pass);
  EXPECT_EQ(names, (std::vector<std::string>{"dead_nodes", "fold_pad", "fold_batchnorm",
                                             "matmul_add", "fuse_activation"}));
  EXPECT_EQ(r->passes.front().nodes_before, 13);
  EXPECT_EQ(r->passes.back().nodes_after, 3);
  // Unused weights (w, BN parameters, pads...) are gone.
  for (const auto& t : m.graph().initializer()) {
    EXPECT_NE(t.name(), "w");
    EXPECT_NE(t.name(), "scale");
  }
  // A second run changes nothing.
  auto again = Simplify(m);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->passes.empty());
}

}  // namespace
}  // namespace campaign::converter
