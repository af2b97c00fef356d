#include "converter/passes/fuse_layernorm.h"

#include <gtest/gtest.h>

#include "converter/passes/pass_test_util.h"

namespace campaign::converter {
namespace {

using namespace testing;

struct Form {
  bool mul_square = false;  // Mul(d, d) instead of Pow(d, 2)
  bool reciprocal = false;  // Mul(d, Reciprocal(s)) instead of Div(d, s)
  bool affine = true;       // Mul(gamma) + Add(beta) at the end
  bool axes_input = false;  // ReduceMean axes as an input (opset 18)
  int64_t norm_dims = 1;    // normalize over the last 1 or 2 axes
};

onnx::NodeProto* Mean(ModelBuilder& b, const Form& f, const std::string& in,
                      const std::string& out) {
  if (f.axes_input) return b.AddNode("ReduceMean", {in, "axes"}, {out});
  onnx::NodeProto* n = b.AddNode("ReduceMean", {in}, {out});
  SetInts(n, "axes", f.norm_dims == 1 ? std::vector<int64_t>{-1} : std::vector<int64_t>{1, 2});
  return n;
}

// x [2, 5, 8] -> LayerNorm written out -> y.
onnx::ModelProto LayerNormGraph(const Form& f) {
  ModelBuilder b;
  if (f.axes_input) {
    b.model().mutable_opset_import(0)->set_version(18);
    b.AddInt64Initializer(
        "axes", f.norm_dims == 1 ? std::vector<int64_t>{-1} : std::vector<int64_t>{-2, -1});
  }
  b.AddInput("x", {2, 5, 8});
  b.AddInitializer("two", {}, {2.0f});
  b.AddInitializer("eps", {}, {1e-5f});
  const graph::Shape affine = f.norm_dims == 1 ? graph::Shape{8} : graph::Shape{5, 8};
  b.AddInitializer("gamma", affine, {}, 3);
  b.AddInitializer("beta", affine, {}, 4);
  Mean(b, f, "x", "m");
  b.AddNode("Sub", {"x", "m"}, {"d"});
  if (f.mul_square) {
    b.AddNode("Mul", {"d", "d"}, {"sq"});
  } else {
    b.AddNode("Pow", {"d", "two"}, {"sq"});
  }
  Mean(b, f, "sq", "v");
  b.AddNode("Add", {"v", "eps"}, {"ve"});
  b.AddNode("Sqrt", {"ve"}, {"s"});
  const std::string n = f.affine ? "n" : "y";
  if (f.reciprocal) {
    b.AddNode("Reciprocal", {"s"}, {"r"});
    b.AddNode("Mul", {"r", "d"}, {n});
  } else {
    b.AddNode("Div", {"d", "s"}, {n});
  }
  if (f.affine) {
    b.AddNode("Mul", {n, "gamma"}, {"scaled"});
    b.AddNode("Add", {"beta", "scaled"}, {"y"});
  }
  b.AddOutput("y");
  return b.model();
}

TEST(FuseLayerNormTest, FusesTheExportedForms) {
  const std::vector<Form> forms = {{},
                                   {true, false, true, false, 1},
                                   {false, true, true, false, 1},
                                   {false, false, false, false, 1},
                                   {true, true, true, false, 2}};
  for (const Form& f : forms) {
    SCOPED_TRACE(::testing::Message()
                 << "mul_square " << f.mul_square << " reciprocal " << f.reciprocal << " affine "
                 << f.affine << " dims " << f.norm_dims);
    onnx::ModelProto m = LayerNormGraph(f);
    InferShapes(m);
    const onnx::ModelProto before = m;
    EXPECT_EQ(FuseLayerNorm(m), 1);
    ASSERT_EQ(m.graph().node_size(), 1);
    const onnx::NodeProto& ln = m.graph().node(0);
    EXPECT_EQ(ln.domain(), "ai.campaign");  // opset 13 has no LayerNormalization
    EXPECT_EQ(ln.op_type(), "LayerNormalization");
    EXPECT_EQ(ln.input_size(), f.affine ? 3 : 2);
    EXPECT_EQ(ln.output(0), "y");
    ExpectSameOutputs(before, m, 1e-5);
  }
}

TEST(FuseLayerNormTest, Opset18UsesTheStandardOperator) {
  for (int64_t dims : {1, 2}) {
    onnx::ModelProto m = LayerNormGraph({false, false, true, true, dims});
    InferShapes(m);
    const onnx::ModelProto before = m;
    EXPECT_EQ(LayerNormOpFor(m), "LayerNormalization");
    EXPECT_EQ(FuseLayerNorm(m), 1);
    ASSERT_EQ(m.graph().node_size(), 1);
    EXPECT_EQ(m.graph().node(0).domain(), "");
    EXPECT_EQ(m.graph().node(0).op_type(), "LayerNormalization");
    ExpectSameOutputs(before, m, 1e-5);
  }
}

TEST(FuseLayerNormTest, KeepsAPatternWhoseIntermediateIsReadElsewhere) {
  onnx::ModelProto m = LayerNormGraph({});
  m.mutable_graph()->add_output()->set_name("d");
  InferShapes(m);
  EXPECT_EQ(FuseLayerNorm(m), 0);
  EXPECT_EQ(m.graph().node_size(), 9);
}

TEST(FuseLayerNormTest, KeepsAReductionOverALeadingAxis) {
  ModelBuilder b;
  b.AddInput("x", {2, 5, 8});
  b.AddInitializer("two", {}, {2.0f});
  b.AddInitializer("eps", {}, {1e-5f});
  SetInts(b.AddNode("ReduceMean", {"x"}, {"m"}), "axes", {1});
  b.AddNode("Sub", {"x", "m"}, {"d"});
  b.AddNode("Pow", {"d", "two"}, {"sq"});
  SetInts(b.AddNode("ReduceMean", {"sq"}, {"v"}), "axes", {1});
  b.AddNode("Add", {"v", "eps"}, {"ve"});
  b.AddNode("Sqrt", {"ve"}, {"s"});
  b.AddNode("Div", {"d", "s"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  InferShapes(m);
  EXPECT_EQ(FuseLayerNorm(m), 0);
}

}  // namespace
}  // namespace campaign::converter
