#include "converter/passes/fold_pad.h"

#include <gtest/gtest.h>

#include "converter/passes/graph_util.h"
#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

onnx::ModelProto PadConv(const std::string& mode) {
  ModelBuilder b;
  b.AddInput("x", {1, 2, 7, 6});
  b.AddInt64Initializer("pads", {0, 0, 1, 2, 0, 0, 2, 1});
  b.AddInitializer("w", {4, 2, 3, 3});
  auto* pad = b.AddNode("Pad", {"x", "pads"}, {"p"});
  if (!mode.empty()) {
    auto* a = pad->add_attribute();
    a->set_name("mode");
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s(mode);
  }
  auto* conv = b.AddNode("Conv", {"p", "w"}, {"y"});
  SetInts(conv, "pads", {1, 0, 0, 1});
  SetInts(conv, "strides", {2, 1});
  b.AddOutput("y");
  return b.model();
}

TEST(FoldPadTest, ZeroPadBecomesConvPads) {
  onnx::ModelProto m = PadConv("");
  InferShapes(m);
  const onnx::ModelProto before = m;
  EXPECT_EQ(FoldPadIntoConv(*m.mutable_graph()), 1);
  ASSERT_EQ(m.graph().node_size(), 1);
  EXPECT_EQ(m.graph().node(0).input(0), "x");
  EXPECT_EQ(AttrInts(m.graph().node(0), "pads"), (std::vector<int64_t>{2, 2, 2, 2}));
  ExpectSameOutputs(before, m);
}

TEST(FoldPadTest, KeepsReflectPad) {
  onnx::ModelProto m = PadConv("reflect");
  EXPECT_EQ(FoldPadIntoConv(*m.mutable_graph()), 0);
  EXPECT_EQ(m.graph().node_size(), 2);
}

}  // namespace
}  // namespace campaign::converter
