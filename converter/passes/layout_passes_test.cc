// trivial_transpose and gemm_weights: same outputs, expected nodes.
#include <gtest/gtest.h>

#include "converter/passes/gemm_weights.h"
#include "converter/passes/graph_util.h"
#include "converter/passes/pass_test_util.h"
#include "converter/passes/trivial_transpose.h"

namespace campaign::converter {
namespace {

using namespace testing;

onnx::ModelProto TransposeThenRelu(const graph::Shape& x, const std::vector<int64_t>& perm) {
  ModelBuilder b;
  b.AddInput("x", x);
  SetInts(b.AddNode("Transpose", {"x"}, {"t"}), "perm", perm);
  b.AddNode("Relu", {"t"}, {"y"});
  b.AddOutput("y");
  return b.model();
}

TEST(TrivialTransposeTest, MovingOnlyUnitDimsBecomesAReshape) {
  onnx::ModelProto m = TransposeThenRelu({1, 5, 6}, {1, 0, 2});
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FoldTrivialTransposes(*m.mutable_graph()), 1);
  EXPECT_EQ(CountOps(m.graph(), "Transpose"), 0);
  EXPECT_EQ(CountOps(m.graph(), "Reshape"), 1);
  ExpectSameOutputs(before, m, 0);
}

TEST(TrivialTransposeTest, KeepsARealPermutation) {
  for (const auto& [shape, perm] : std::vector<std::pair<graph::Shape, std::vector<int64_t>>>{
           {{2, 5, 6}, {1, 0, 2}}, {{1, 5, 6}, {0, 2, 1}}}) {
    onnx::ModelProto m = TransposeThenRelu(shape, perm);
    InferShapes(m);
    EXPECT_EQ(FoldTrivialTransposes(*m.mutable_graph()), 0);
    EXPECT_EQ(CountOps(m.graph(), "Transpose"), 1);
  }
}

TEST(GemmWeightsTest, TransBWeightIsTransposedOnceAndShared) {
  ModelBuilder b;
  b.AddInput("a", {3, 8});
  b.AddInitializer("w", {5, 8});
  b.AddInitializer("c", {5});
  SetInt(b.AddNode("Gemm", {"a", "w", "c"}, {"g1"}), "transB", 1);
  SetInt(b.AddNode("Gemm", {"a", "w"}, {"g2"}), "transB", 1);
  b.AddNode("Add", {"g1", "g2"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(PretransposeGemmWeights(*m.mutable_graph()), 2);
  for (int i = 0; i < 2; ++i) {
    const onnx::NodeProto& n = m.graph().node(i);
    EXPECT_EQ(AttrInt(n, "transB", 1), 0);
    EXPECT_EQ(n.input(1), "w_t");
  }
  ExpectSameOutputs(before, m, 0);
  EXPECT_EQ(PretransposeGemmWeights(*m.mutable_graph()), 0);  // a fixed point
}

TEST(GemmWeightsTest, KeepsANonConstantB) {
  ModelBuilder b;
  b.AddInput("a", {3, 8});
  b.AddInput("w", {5, 8});
  SetInt(b.AddNode("Gemm", {"a", "w"}, {"y"}), "transB", 1);
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  EXPECT_EQ(PretransposeGemmWeights(*m.mutable_graph()), 0);
}

}  // namespace
}  // namespace campaign::converter
