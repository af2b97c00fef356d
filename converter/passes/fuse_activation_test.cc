#include "converter/passes/fuse_activation.h"

#include <gtest/gtest.h>

#include <functional>

#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

// Appends an activation pattern reading `x` and writing "y".
using Pattern = std::function<void(ModelBuilder&, const std::string& x)>;

struct Case {
  std::string activation;  // expected attribute value
  Pattern add;
};

std::vector<Case> Cases() {
  return {
      {"Relu", [](ModelBuilder& b, const std::string& x) { b.AddNode("Relu", {x}, {"y"}); }},
      {"Sigmoid", [](ModelBuilder& b, const std::string& x) { b.AddNode("Sigmoid", {x}, {"y"}); }},
      {"HardSwish",
       [](ModelBuilder& b, const std::string& x) { b.AddNode("HardSwish", {x}, {"y"}); }},
      {"HardSigmoid",
       [](ModelBuilder& b, const std::string& x) {
         SetFloat(b.AddNode("HardSigmoid", {x}, {"y"}), "alpha", 0.3f);
       }},
      {"LeakyRelu",
       [](ModelBuilder& b, const std::string& x) {
         SetFloat(b.AddNode("LeakyRelu", {x}, {"y"}), "alpha", 0.2f);
       }},
      {"Clip",
       [](ModelBuilder& b, const std::string& x) {  // Relu6
         b.AddInitializer("lo", {}, {0.0f});
         b.AddInitializer("hi", {}, {0.5f});
         b.AddNode("Clip", {x, "lo", "hi"}, {"y"});
       }},
      {"Silu",
       [](ModelBuilder& b, const std::string& x) {
         b.AddNode("Sigmoid", {x}, {"s"});
         b.AddNode("Mul", {"s", x}, {"y"});
       }},
      {"Gelu", [](ModelBuilder& b, const std::string& x) { AddGeluPattern(b, x, "y", false); }},
      {"GeluTanh", [](ModelBuilder& b, const std::string& x) { AddGeluPattern(b, x, "y", true); }},
  };
}

onnx::ModelProto ConvThen(const Case& c) {
  ModelBuilder b;
  b.AddInput("x", {1, 3, 5, 5});
  b.AddInitializer("w", {4, 3, 3, 3});
  b.AddInitializer("b", {4});
  SetInts(b.AddNode("Conv", {"x", "w", "b"}, {"conv"}), "pads", {1, 1, 1, 1});
  c.add(b, "conv");
  b.AddOutput("y");
  return b.model();
}

TEST(FuseActivationTest, EveryPatternAfterConv) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.activation);
    onnx::ModelProto m = ConvThen(c);
    InferShapes(m);
    const onnx::ModelProto before = m;
    EXPECT_EQ(FuseActivations(m), 1);
    ASSERT_EQ(m.graph().node_size(), 1);
    EXPECT_EQ(CountOps(m.graph(), "ai.campaign.FusedConv"), 1);
    EXPECT_EQ(StringAttr(m.graph(), "ai.campaign.FusedConv", "activation"), c.activation);
    EXPECT_EQ(m.graph().node(0).output(0), "y");
    bool has_opset = false;
    for (const auto& op : m.opset_import()) has_opset = has_opset || op.domain() == "ai.campaign";
    EXPECT_TRUE(has_opset);
    ExpectSameOutputs(before, m);
  }
}

TEST(FuseActivationTest, GemmAndMatMul) {
  for (const std::string op : {"Gemm", "MatMul"}) {
    SCOPED_TRACE(op);
    ModelBuilder b;
    b.AddInput("a", {3, 6});
    b.AddInitializer("w", {6, 4});
    b.AddNode(op, {"a", "w"}, {"g"});
    Cases()[6].add(b, "g");  // SiLU
    b.AddOutput("y");
    onnx::ModelProto m = b.model();
    InferShapes(m);
    const onnx::ModelProto before = m;
    EXPECT_EQ(FuseActivations(m), 1);
    EXPECT_EQ(CountOps(m.graph(), "ai.campaign.Fused" + op), 1);
    EXPECT_EQ(m.graph().node_size(), 1);
    ExpectSameOutputs(before, m);
  }
}

TEST(FuseActivationTest, KeepsActivationWhenConvOutputIsAlsoReadElsewhere) {
  Case relu = Cases()[0];
  onnx::ModelProto m = ConvThen(relu);
  auto& g = *m.mutable_graph();
  *g.add_output() = g.output(0);
  g.mutable_output(1)->set_name("conv");  // the Conv output is also a graph output
  EXPECT_EQ(FuseActivations(m), 0);
  EXPECT_EQ(m.graph().node_size(), 2);
}

}  // namespace
}  // namespace campaign::converter
