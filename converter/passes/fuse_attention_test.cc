#include "converter/passes/fuse_attention.h"

#include <gtest/gtest.h>

#include "converter/passes/graph_util.h"
#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

void Transpose(ModelBuilder& b, const std::string& x, const std::vector<int64_t>& perm,
               const std::string& y) {
  SetInts(b.AddNode("Transpose", {x}, {y}), "perm", perm);
}

// torch.nn.MultiheadAttention as vit_b_16 exports it: heads [S, N, D],
// Q scaled before the product.
onnx::ModelProto VitAttention() {
  ModelBuilder b;
  for (const char* in : {"q", "k", "v"}) b.AddInput(in, {7, 6, 4});
  b.AddInitializer("c", {}, {2.0f});
  Transpose(b, "q", {1, 0, 2}, "qt");
  b.AddNode("Div", {"qt", "c"}, {"qs"});
  Transpose(b, "k", {1, 2, 0}, "kt");
  b.AddNode("MatMul", {"qs", "kt"}, {"s"});
  SetInt(b.AddNode("Softmax", {"s"}, {"p"}), "axis", -1);
  Transpose(b, "v", {1, 0, 2}, "vt");
  b.AddNode("MatMul", {"p", "vt"}, {"o"});
  Transpose(b, "o", {1, 0, 2}, "y");
  b.AddOutput("y");
  return b.model();
}

// A bert-style layer: [B, S, H, D] heads, the scores divided, optionally a
// mask added before the Softmax.
onnx::ModelProto BertAttention(int64_t batch, bool mask) {
  ModelBuilder b;
  for (const char* in : {"q", "k", "v"}) b.AddInput(in, {batch, 5, 3, 4});
  b.AddInitializer("c", {}, {2.0f});
  Transpose(b, "q", {0, 2, 1, 3}, "qt");
  Transpose(b, "k", {0, 2, 3, 1}, "kt");
  b.AddNode("MatMul", {"qt", "kt"}, {"s"});
  b.AddNode("Div", {"s", "c"}, {"ss"});
  std::string scores = "ss";
  if (mask) {
    b.AddInitializer("mask", {batch, 1, 1, 5});
    b.AddNode("Add", {"ss", "mask"}, {"sm"});
    scores = "sm";
  }
  SetInt(b.AddNode("Softmax", {scores}, {"p"}), "axis", 3);
  Transpose(b, "v", {0, 2, 1, 3}, "vt");
  b.AddNode("MatMul", {"p", "vt"}, {"o"});
  Transpose(b, "o", {0, 2, 1, 3}, "y");
  b.AddOutput("y");
  return b.model();
}

TEST(FuseAttentionTest, VitHeadsBecomeOneNodeWithEveryTransposeFolded) {
  onnx::ModelProto m = VitAttention();
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FuseAttention(m), 1);
  ASSERT_EQ(m.graph().node_size(), 1);
  const onnx::NodeProto& n = m.graph().node(0);
  EXPECT_EQ(n.domain(), "ai.campaign");
  EXPECT_EQ(n.op_type(), "Attention");
  EXPECT_EQ(n.input(0), "q");
  EXPECT_EQ(n.input(1), "k");
  EXPECT_EQ(n.input(2), "v");
  EXPECT_EQ(n.output(0), "y");
  EXPECT_FLOAT_EQ(AttrFloat(n, "scale", 0), 0.5f);
  EXPECT_EQ(AttrInts(n, "k_perm"), (std::vector<int64_t>{1, 2, 0}));
  EXPECT_EQ(AttrInts(n, "y_perm"), (std::vector<int64_t>{1, 0, 2}));
  ExpectSameOutputs(before, m);
}

TEST(FuseAttentionTest, BertHeadsFoldAtBatchOneOnly) {
  onnx::ModelProto one = BertAttention(1, false);
  InferShapes(one);
  const onnx::ModelProto before_one = one;
  EXPECT_EQ(FuseAttention(one), 1);
  EXPECT_EQ(one.graph().node_size(), 1);
  ExpectSameOutputs(before_one, one);

  // At batch 2 the (B, H) batch dims of [B, S, H, D] do not merge into one
  // stride: the Transposes stay, the rest still fuses.
  onnx::ModelProto two = BertAttention(2, false);
  InferShapes(two);
  const onnx::ModelProto before_two = two;
  EXPECT_EQ(FuseAttention(two), 1);
  EXPECT_EQ(CountOps(two.graph(), "ai.campaign.Attention"), 1);
  EXPECT_EQ(CountOps(two.graph(), "Transpose"), 4);
  EXPECT_EQ(two.graph().node_size(), 5);
  ExpectSameOutputs(before_two, two);
}

TEST(FuseAttentionTest, KeepsAMaskedSoftmax) {
  onnx::ModelProto m = BertAttention(1, true);
  InferShapes(m);
  EXPECT_EQ(FuseAttention(m), 0);
  EXPECT_EQ(CountOps(m.graph(), "Softmax"), 1);
}

TEST(FuseAttentionTest, KeepsScoresReadElsewhere) {
  onnx::ModelProto m = VitAttention();
  m.mutable_graph()->add_output()->set_name("p");
  InferShapes(m);
  EXPECT_EQ(FuseAttention(m), 0);
}

}  // namespace
}  // namespace campaign::converter
