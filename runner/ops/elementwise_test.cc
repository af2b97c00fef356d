// Elementwise ops (unary, binary with broadcasting, integer, bool, Where): the device classes
// against the reference classes on random shapes (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <cmath>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;
using testing::SetInts;

TEST_F(OpsTest, UnaryOps) {
  for (const char* op : {"Relu", "Sigmoid"}) {
    ModelBuilder b;
    b.AddInput("x", {2, 3, 5, 7});
    b.AddNode(op, {"x"}, {"y"});
    b.AddOutput("y");
    Check(b, op);
  }
  ModelBuilder clip;  // ReLU6 as torch exports it
  clip.AddInput("x", {3, 17});
  clip.AddInitializer("lo", {}, {-0.25f});
  clip.AddInitializer("hi", {}, {0.5f});
  clip.AddNode("Clip", {"x", "lo", "hi"}, {"y"});
  clip.AddOutput("y");
  Check(clip, "Clip min/max");
  ModelBuilder clip_max;
  clip_max.AddInput("x", {31});
  clip_max.AddInitializer("hi", {}, {0.1f});
  clip_max.AddNode("Clip", {"x", "", "hi"}, {"y"});
  clip_max.AddOutput("y");
  Check(clip_max, "Clip max only");
}

TEST_F(OpsTest, BinaryOpsBroadcast) {
  struct Case {
    Shape a, b;
  };
  std::vector<Case> cases = {{{2, 3, 5, 7}, {2, 3, 5, 7}},
                             {{2, 3, 5, 7}, {3, 1, 1}},
                             {{1, 4}, {3, 1}},
                             {{5}, {2, 5}},
                             {{2, 1, 3}, {4, 1}}};
  for (const char* op : {"Add", "Sub", "Mul", "Div"}) {
    for (const Case& c : cases) {
      ModelBuilder b;
      b.AddInput("a", c.a);
      // Divisors away from zero.
      std::vector<float> bv(static_cast<size_t>(graph::NumElements(c.b)));
      for (size_t i = 0; i < bv.size(); ++i) bv[i] = 0.5f + 0.37f * static_cast<float>(i % 5);
      b.AddInitializer("b", c.b, bv);
      b.AddNode(op, {"a", "b"}, {"y"});
      b.AddOutput("y");
      Check(b, std::string(op) + " " + graph::ShapeToString(c.a) + " " + graph::ShapeToString(c.b));
    }
  }
}

TEST_F(CoverageOpsTest, UnaryFunctions) {
  // Ops with restricted domains read |x| + 1.5 (Acosh needs >= 1, Atanh
  // < 1: it reads x itself).
  const char* any_domain[] = {"Neg",   "Abs",   "Exp",         "Erf",       "Tanh",
                              "Floor", "Ceil",  "Sin",         "Cos",       "Tan",
                              "Asin",  "Acos",  "Atan",        "Sinh",      "Cosh",
                              "Asinh", "Atanh", "Softplus",    "Softsign",  "LeakyRelu",
                              "Elu",   "Selu",  "HardSigmoid", "HardSwish", "ThresholdedRelu",
                              "Celu",  "Round", "Sign"};
  const char* positive[] = {"Log", "Sqrt", "Reciprocal", "Acosh"};
  for (const char* op : any_domain) {
    ModelBuilder b;
    b.AddInput("x", RandomShape(3));
    b.AddNode(op, {"x"}, {"y"});
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), op);
  }
  for (const char* op : positive) {
    ModelBuilder b;
    b.AddInput("x", RandomShape(2));
    b.AddInitializer("c", {}, {1.5f});
    b.AddNode("Abs", {"x"}, {"a"});
    b.AddNode("Add", {"a", "c"}, {"p"});
    b.AddNode(op, {"p"}, {"y"});
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), op);
  }
}

TEST_F(CoverageOpsTest, FloatBinariesBroadcast) {
  for (const char* op : {"Pow", "PRelu", "Mod"}) {
    ModelBuilder b;
    Shape a = RandomShape(3, 2, 5);
    b.AddInput("x", a);
    b.AddInitializer("c", {}, {1.25f});
    b.AddNode("Abs", {"x"}, {"ax"});
    b.AddNode("Add", {"ax", "c"}, {"base"});
    b.AddInitializer("e", {a[2]});
    auto* n = b.AddNode(op, {std::string(op) == "PRelu" ? "x" : "base", "e"}, {"y"});
    if (std::string(op) == "Mod") SetInt(n, "fmod", 1);
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), op);
  }
  for (const char* op : {"Max", "Min", "Sum", "Mean"}) {
    ModelBuilder b;
    b.AddInput("a", {2, 3, 4});
    b.AddInput("b", {3, 1});
    b.AddInput("c", {4});
    b.AddNode(op, {"a", "b", "c"}, {"y"});
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(b.model(), std::string(op) + " x3");
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape(), (Shape{2, 3, 4}));
    }
  }
}

TEST_F(CoverageOpsTest, IntegerBoolAndWhere) {
  // int64 arithmetic on random ints in [0, 100); divisors + 1.
  for (const char* op : {"Add", "Sub", "Mul", "Div", "Mod", "Max"}) {
    ModelBuilder b;
    b.AddInput("a", {3, 4}, onnx::TensorProto::INT64);
    b.AddInput("b", {4}, onnx::TensorProto::INT64);
    b.AddInt64Initializer("one", {1});
    b.AddNode("Add", {"b", "one"}, {"b1"});
    b.AddNode(op, {"a", "b1"}, {"y"});
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(b.model(), std::string(op) + " int64");
    if (!got.empty()) {
      EXPECT_EQ(got[0].dtype(), DType::kInt64);
    }
  }
  for (const char* op : {"Neg", "Abs", "Sign", "Relu"}) {
    ModelBuilder b;  // ints in [0, 100) minus 50: both signs
    b.AddInput("a", {4, 5}, onnx::TensorProto::INT64);
    b.AddInt64Initializer("fifty", {50});
    b.AddNode("Sub", {"a", "fifty"}, {"c"});
    b.AddNode(op, {"c"}, {"y"});
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), std::string(op) + " int64");
  }
  // x > 0 and x < 0.5 -> Where(cond, x, -x); also Not/Or/Xor/Equal.
  ModelBuilder b;
  b.AddInput("x", {2, 3, 5});
  b.AddInitializer("zero", {}, {0.0f});
  b.AddInitializer("half", {5}, {0.5f, 0.1f, -0.2f, 0.9f, 0.0f});
  b.AddNode("Greater", {"x", "zero"}, {"pos"});
  b.AddNode("Less", {"x", "half"}, {"small"});
  b.AddNode("And", {"pos", "small"}, {"both"});
  b.AddNode("Not", {"both"}, {"nb"});
  b.AddNode("Xor", {"nb", "pos"}, {"xo"});
  b.AddNode("Equal", {"xo", "pos"}, {"eq"});  // == both
  b.AddNode("Neg", {"x"}, {"nx"});
  b.AddNode("Where", {"eq", "x", "nx"}, {"y"});
  b.AddNode("Cast", {"eq"}, {"eqf"});
  SetInt(b.model().mutable_graph()->mutable_node(b.model().graph().node_size() - 1), "to",
         onnx::TensorProto::FLOAT);
  b.AddOutput("y");
  b.AddOutput("eqf");
  auto got = ExpectDeviceMatchesReference(b.model(), "comparisons, logic, Where, Cast");
  if (!got.empty()) {
    auto eq = got[1].values<float>();
    double ones = 0;
    for (float v : eq) ones += v;
    EXPECT_GT(ones, 0);                               // the masks are neither all false
    EXPECT_LT(ones, static_cast<double>(eq.size()));  // nor all true
  }
}

}  // namespace
}  // namespace campaign::runner
