#include "converter/passes/fold_batchnorm.h"

#include <gtest/gtest.h>

#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

void AddBn(ModelBuilder& b, int64_t c, const std::string& x, const std::string& y) {
  b.AddInitializer("scale", {c}, {}, 11);
  b.AddInitializer("beta", {c}, {}, 12);
  b.AddInitializer("mean", {c}, {}, 13);
  std::vector<float> var(static_cast<size_t>(c));
  for (size_t i = 0; i < var.size(); ++i) var[i] = 0.5f + 0.25f * static_cast<float>(i);
  b.AddInitializer("var", {c}, var);
  auto* bn = b.AddNode("BatchNormalization", {x, "scale", "beta", "mean", "var"}, {y});
  SetFloat(bn, "epsilon", 1e-3f);
}

onnx::ModelProto ConvBn(bool conv_bias) {
  ModelBuilder b;
  b.AddInput("x", {2, 3, 6, 6});
  b.AddInitializer("w", {5, 3, 3, 3});
  std::vector<std::string> in = {"x", "w"};
  if (conv_bias) {
    b.AddInitializer("b", {5});
    in.push_back("b");
  }
  auto* conv = b.AddNode("Conv", in, {"c"});
  SetInts(conv, "pads", {1, 1, 1, 1});
  AddBn(b, 5, "c", "bn");
  b.AddNode("Relu", {"bn"}, {"y"});
  b.AddOutput("y");
  return b.model();
}

TEST(FoldBatchNormTest, IntoConvWithAndWithoutBias) {
  for (bool bias : {true, false}) {
    SCOPED_TRACE(bias ? "with bias" : "without bias");
    onnx::ModelProto m = ConvBn(bias);
    InferShapes(m);
    const onnx::ModelProto before = m;
    EXPECT_EQ(FoldBatchNorm(*m.mutable_graph()), 1);
    EXPECT_EQ(CountOps(m.graph(), "BatchNormalization"), 0);
    ASSERT_EQ(m.graph().node_size(), 2);
    EXPECT_EQ(m.graph().node(0).input_size(), 3);  // the folded bias
    ExpectSameOutputs(before, m);
  }
}

TEST(FoldBatchNormTest, IntoGemmTransB) {
  ModelBuilder b;
  b.AddInput("x", {4, 7});
  b.AddInitializer("w", {6, 7});
  b.AddInitializer("c", {6});
  auto* gemm = b.AddNode("Gemm", {"x", "w", "c"}, {"g"});
  SetInt(gemm, "transB", 1);
  SetFloat(gemm, "beta", 0.5f);
  AddBn(b, 6, "g", "y");
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FoldBatchNorm(*m.mutable_graph()), 1);
  EXPECT_EQ(CountOps(m.graph(), "BatchNormalization"), 0);
  EXPECT_EQ(m.graph().node_size(), 1);
  ExpectSameOutputs(before, m);
}

TEST(FoldBatchNormTest, KeepsBatchNormWhenConvOutputIsShared) {
  onnx::ModelProto m = ConvBn(true);
  auto& g = *m.mutable_graph();
  auto* extra = g.add_node();
  extra->set_op_type("Sigmoid");
  extra->add_input("c");
  extra->add_output("y2");
  *g.add_output() = g.output(0);
  g.mutable_output(1)->set_name("y2");
  InferShapes(m);
  EXPECT_EQ(FoldBatchNorm(*m.mutable_graph()), 0);
  EXPECT_EQ(CountOps(m.graph(), "BatchNormalization"), 1);
}

}  // namespace
}  // namespace campaign::converter
