#include "converter/passes/fuse_gemm_residual.h"

#include <gtest/gtest.h>

#include "converter/passes/fuse_activation.h"
#include "converter/passes/graph_util.h"
#include "converter/passes/matmul_add.h"
#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

// x [2, 3, 8] -> MatMul(W) + bias [-> GELU] -> Add(x) -> y, as a
// transformer's MLP output and its residual connection, after matmul_add
// and fuse_activation (which make the FusedMatMul).
onnx::ModelProto MatMulResidual(bool gelu) {
  ModelBuilder b;
  b.AddInput("x", {2, 3, 8});
  b.AddInitializer("w", {8, 8});
  b.AddInitializer("bias", {8});
  b.AddNode("MatMul", {"x", "w"}, {"mm"});
  b.AddNode("Add", {"mm", "bias"}, {"h"});
  std::string out = "h";
  if (gelu) {
    graph::testing::AddGeluPattern(b, "h", "hg", false);
    out = "hg";
  }
  b.AddNode("Add", {out, "x"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  EXPECT_EQ(FuseMatMulAdd(m, true), 1);
  EXPECT_EQ(FuseActivations(m), gelu ? 1 : 0);
  return m;
}

TEST(FuseGemmResidualTest, AddAfterFusedMatMulMovesIntoTheEpilogue) {
  onnx::ModelProto m = MatMulResidual(false);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FuseGemmResidualAdd(m), 1);
  ASSERT_EQ(m.graph().node_size(), 1);
  EXPECT_EQ(m.graph().node(0).input_size(), 4);
  EXPECT_EQ(m.graph().node(0).input(3), "x");
  EXPECT_EQ(m.graph().node(0).output(0), "y");
  ExpectSameOutputs(before, m);
}

TEST(FuseGemmResidualTest, KeepsAnAddAfterAnActivation) {
  onnx::ModelProto m = MatMulResidual(true);
  EXPECT_EQ(FuseGemmResidualAdd(m), 0);
}

TEST(FuseGemmResidualTest, GemmThroughAReshapeBecomesFusedGemm) {
  // vit's attention output: Gemm [6, 8] -> Reshape [2, 3, 8] -> Add(residual).
  ModelBuilder b;
  b.AddInput("a", {6, 8});
  b.AddInput("r", {2, 3, 8});
  b.AddInitializer("w", {8, 8});
  b.AddInitializer("c", {8});
  b.AddInt64Initializer("shape", {2, 3, 8});
  b.AddNode("Gemm", {"a", "w", "c"}, {"g"});
  b.AddNode("Reshape", {"g", "shape"}, {"gr"});
  b.AddNode("Add", {"r", "gr"}, {"y"});
  b.AddNode("Relu", {"y"}, {"z"});
  b.AddOutput("z");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FuseGemmResidualAdd(m), 1);
  // A·W + c[N]: the bias joins the residual in FusedMatMul's epilogue.
  EXPECT_EQ(CountOps(m.graph(), "ai.campaign.FusedMatMul"), 1);
  EXPECT_EQ(CountOps(m.graph(), "Add"), 0);
  EXPECT_EQ(m.graph().node_size(), 3);
  ExpectSameOutputs(before, m);
}

TEST(FuseGemmResidualTest, TransposedGemmBecomesFusedGemm) {
  ModelBuilder b;
  b.AddInput("a", {6, 8});
  b.AddInput("r", {6, 5});
  b.AddInitializer("w", {5, 8});
  b.AddInitializer("c", {5});
  SetInt(b.AddNode("Gemm", {"a", "w", "c"}, {"g"}), "transB", 1);
  b.AddNode("Add", {"g", "r"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FuseGemmResidualAdd(m), 1);
  EXPECT_EQ(CountOps(m.graph(), "ai.campaign.FusedGemm"), 1);
  EXPECT_EQ(m.graph().node_size(), 1);
  ExpectSameOutputs(before, m);
}

TEST(FuseGemmResidualTest, KeepsABroadcastAdd) {
  ModelBuilder b;
  b.AddInput("a", {6, 8});
  b.AddInput("r", {1, 8});
  b.AddInitializer("w", {8, 8});
  b.AddNode("Gemm", {"a", "w"}, {"g"});
  b.AddNode("Add", {"g", "r"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  EXPECT_EQ(FuseGemmResidualAdd(m), 0);
}

}  // namespace
}  // namespace campaign::converter
