#include "converter/passes/fp16_pass.h"

#include <gtest/gtest.h>
#include <onnx/checker.h>

#include <map>

#include "converter/passes/graph_util.h"
#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;
using onnx::TensorProto;

// x -> Conv -> Relu -> r (a graph output too) -> Cast(to FLOAT), which stays
// float32 -> Add(bias) -> y.
onnx::ModelProto ModelWithBlockedOp() {
  ModelBuilder b;
  b.AddInput("x", {1, 3, 8, 8});
  b.AddInitializer("w", {4, 3, 3, 3}, {}, 1);
  b.AddInitializer("b", {4}, {}, 2);
  b.AddInitializer("bias", {1, 4, 1, 1}, {}, 3);
  SetInts(b.AddNode("Conv", {"x", "w", "b"}, {"c"}), "pads", {1, 1, 1, 1});
  b.AddNode("Relu", {"c"}, {"r"});
  SetInt(b.AddNode("Cast", {"r"}, {"k"}), "to", TensorProto::FLOAT);
  b.AddNode("Add", {"k", "bias"}, {"y"});
  b.AddOutput("y");
  b.AddOutput("r");
  for (int i = 0; i < b.model().graph().node_size(); ++i) {
    b.model().mutable_graph()->mutable_node(i)->set_name("n" + std::to_string(i));
  }
  onnx::ModelProto m = b.model();
  InferShapes(m);
  return m;
}

std::map<std::string, int32_t> Types(const onnx::GraphProto& g) {
  std::map<std::string, int32_t> t;
  for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
    for (const auto& v : *list) t[v.name()] = v.type().tensor_type().elem_type();
  }
  return t;
}

const onnx::NodeProto* Producer(const onnx::GraphProto& g, const std::string& tensor) {
  for (const auto& n : g.node()) {
    for (const auto& o : n.output()) {
      if (o == tensor) return &n;
    }
  }
  return nullptr;
}

TEST(Fp16PassTest, HalfInsideFloatAtTheBoundaries) {
  onnx::ModelProto m = ModelWithBlockedOp();
  const onnx::ModelProto before = m;
  auto r = ConvertToFp16(m);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->fp16_nodes, 3);  // Conv, Relu, Add
  EXPECT_EQ(r->fp32_nodes, (std::vector<std::string>{"n2"}));
  EXPECT_EQ(r->initializers_converted, 3);
  const onnx::GraphProto& g = m.graph();
  for (const auto& t : g.initializer()) EXPECT_EQ(t.data_type(), TensorProto::FLOAT16) << t.name();

  auto types = Types(g);
  EXPECT_EQ(types["x"], TensorProto::FLOAT);  // keep_io_types
  EXPECT_EQ(types["y"], TensorProto::FLOAT);
  EXPECT_EQ(types["r"], TensorProto::FLOAT);
  EXPECT_EQ(types["c"], TensorProto::FLOAT16);
  EXPECT_EQ(types["k"], TensorProto::FLOAT);  // written by the float32 Cast

  // The Conv reads x through a Cast to half.
  const onnx::NodeProto* conv = Producer(g, "c");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(types[conv->input(0)], TensorProto::FLOAT16);
  EXPECT_EQ(Producer(g, conv->input(0))->op_type(), "Cast");
  // The blocked Cast reads the half Relu output through a Cast to float.
  const onnx::NodeProto* blocked = Producer(g, "k");
  ASSERT_NE(blocked, nullptr);
  EXPECT_EQ(blocked->name(), "n2");
  EXPECT_EQ(types[blocked->input(0)], TensorProto::FLOAT);
  EXPECT_EQ(Producer(g, blocked->input(0))->op_type(), "Cast");
  // Graph outputs come out of Casts to float.
  for (const std::string out : {"y", "r"}) {
    const onnx::NodeProto* p = Producer(g, out);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->op_type(), "Cast") << out;
    EXPECT_EQ(AttrInt(*p, "to", 0), TensorProto::FLOAT) << out;
    EXPECT_EQ(types[p->input(0)], TensorProto::FLOAT16) << out;
  }
  EXPECT_EQ(r->casts_added, 5);  // x in, r to float for the Cast, k back to half, y and r out

  EXPECT_NO_THROW(onnx::checker::check_model(m));
  onnx::ModelProto inferred = m;
  InferShapes(inferred);  // strict and type-checked: every Cast and FLOAT16 is consistent
  // Half storage costs about 1e-3 relative error, no more.
  ExpectSameOutputs(before, m, 5e-3);
}

TEST(Fp16PassTest, ResizeScalesStayFloat) {
  ModelBuilder b;
  b.AddInput("x", {1, 2, 4, 4});
  b.AddInitializer("roi", {0}, {});
  b.AddInitializer("scales", {4}, {1, 1, 2, 2});
  auto* resize = b.AddNode("Resize", {"x", "roi", "scales"}, {"y"});
  auto* a = resize->add_attribute();
  a->set_name("mode");
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s("nearest");
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  auto r = ConvertToFp16(m);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(FindInitializer(m.graph(), "scales")->data_type(), TensorProto::FLOAT);
  EXPECT_EQ(FindInitializer(m.graph(), "roi")->data_type(), TensorProto::FLOAT16);
  onnx::ModelProto inferred = m;
  InferShapes(inferred);
}

TEST(Fp16PassTest, BlockListIsExplicit) {
  for (const char* op : {"Cast", "Constant", "ConstantOfShape", "Range", "TopK", "CumSum"}) {
    EXPECT_TRUE(Fp16BlockedOps().count(op)) << op;
  }
  EXPECT_FALSE(Fp16BlockedOps().count("Conv"));
}

}  // namespace
}  // namespace campaign::converter
