#include "converter/passes/matmul_add.h"

#include <gtest/gtest.h>

#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

onnx::ModelProto MatMulAdd(const graph::Shape& a, const graph::Shape& bias_shape, bool bias_first) {
  ModelBuilder b;
  b.AddInput("a", a);
  b.AddInitializer("w", {a.back(), 5});
  b.AddInitializer("bias", bias_shape);
  b.AddNode("MatMul", {"a", "w"}, {"mm"});
  if (bias_first) {
    b.AddNode("Add", {"bias", "mm"}, {"y"});
  } else {
    b.AddNode("Add", {"mm", "bias"}, {"y"});
  }
  b.AddOutput("y");
  return b.model();
}

TEST(MatMulAddTest, TwoDimensionalBecomesGemm) {
  for (bool first : {false, true}) {
    onnx::ModelProto m = MatMulAdd({3, 8}, {1, 5}, first);
    InferShapes(m);
    const onnx::ModelProto before = m;
    EXPECT_EQ(FuseMatMulAdd(m), 1);
    ASSERT_EQ(m.graph().node_size(), 1);
    EXPECT_EQ(m.graph().node(0).op_type(), "Gemm");
    EXPECT_EQ(m.graph().node(0).output(0), "y");
    ExpectSameOutputs(before, m);
  }
}

TEST(MatMulAddTest, ThreeDimensionalBecomesFusedMatMul) {
  onnx::ModelProto m = MatMulAdd({2, 4, 8}, {5}, false);
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FuseMatMulAdd(m), 1);
  EXPECT_EQ(CountOps(m.graph(), "ai.campaign.FusedMatMul"), 1);
  EXPECT_EQ(m.graph().node_size(), 1);
  ExpectSameOutputs(before, m);
}

TEST(MatMulAddTest, KeepsAddOfAFullTensor) {
  onnx::ModelProto m = MatMulAdd({3, 8}, {3, 5}, false);
  InferShapes(m);
  EXPECT_EQ(FuseMatMulAdd(m), 0);
  EXPECT_EQ(m.graph().node_size(), 2);
}

}  // namespace
}  // namespace campaign::converter
