// The operators added for transformer/EfficientNet models and conformance:
// each on the device against the CPU reference, on random shapes.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::SetInt;
using testing::SetInts;

class CoverageOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::SharedRuntime()) GTEST_SKIP() << "no OpenCL device";
  }
  std::mt19937 rng_{1234};
  Shape RandomShape(int rank, int lo = 1, int hi = 6) {
    std::uniform_int_distribution<int64_t> d(lo, hi);
    Shape s;
    for (int i = 0; i < rank; ++i) s.push_back(d(rng_));
    return s;
  }
};

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

TEST_F(CoverageOpsTest, MovementOnRandomShapes) {
  for (int trial = 0; trial < 4; ++trial) {
    Shape s = RandomShape(4, 1, 5);
    std::vector<int64_t> perm{0, 1, 2, 3};
    std::shuffle(perm.begin(), perm.end(), rng_);
    ModelBuilder t;
    t.AddInput("x", s);
    SetInts(t.AddNode("Transpose", {"x"}, {"y"}), "perm", perm);
    t.AddOutput("y");
    ExpectDeviceMatchesReference(t.model(), "Transpose " + graph::ShapeToString(s));

    ModelBuilder sl;  // reversed slice on axis 1, strided slice on axis 3
    sl.AddInput("x", s);
    sl.AddInt64Initializer("starts", {-1, 0});
    sl.AddInt64Initializer("ends", {INT64_MIN, 1000});
    sl.AddInt64Initializer("axes", {1, 3});
    sl.AddInt64Initializer("steps", {-1, 2});
    sl.AddNode("Slice", {"x", "starts", "ends", "axes", "steps"}, {"y"});
    sl.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(sl.model(), "Slice " + graph::ShapeToString(s));
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape(), (Shape{s[0], s[1], s[2], (s[3] + 1) / 2}));
    }
  }
  ModelBuilder e;  // Expand, Split, Unsqueeze, Squeeze, Concat of int64 shapes
  e.AddInput("x", {3, 1, 6});
  e.AddInt64Initializer("shape", {2, 3, 4, 6});
  e.AddNode("Expand", {"x", "shape"}, {"big"});
  e.AddInt64Initializer("sizes", {1, 2, 3});
  SetInt(e.AddNode("Split", {"big", "sizes"}, {"p0", "p1", "p2"}), "axis", 3);
  e.AddInt64Initializer("ax", {0});
  e.AddNode("Unsqueeze", {"p2", "ax"}, {"u"});
  e.AddNode("Squeeze", {"u", "ax"}, {"q"});
  e.AddOutput("p0");
  e.AddOutput("p1");
  e.AddOutput("q");
  ExpectDeviceMatchesReference(e.model(), "Expand/Split/Unsqueeze/Squeeze");
}

TEST_F(CoverageOpsTest, GatherFamily) {
  ModelBuilder g;  // embedding lookup with computed int64 ids in [0, 100)
  g.AddInput("ids", {2, 7}, onnx::TensorProto::INT64);
  g.AddInitializer("table", {100, 16});
  g.AddNode("Gather", {"table", "ids"}, {"y"});
  g.AddOutput("y");
  auto got = ExpectDeviceMatchesReference(g.model(), "Gather embedding");
  if (!got.empty()) {
    EXPECT_EQ(got[0].shape(), (Shape{2, 7, 16}));
  }

  ModelBuilder ax;  // axis 1, negative constant index
  ax.AddInput("x", {3, 5, 4});
  ax.AddInt64Initializer("i", {-1, 0, 2});
  SetInt(ax.AddNode("Gather", {"x", "i"}, {"y"}), "axis", 1);
  ax.AddOutput("y");
  ExpectDeviceMatchesReference(ax.model(), "Gather axis 1");

  ModelBuilder ge;
  ge.AddInput("x", {4, 6});
  ge.AddInt64Initializer("i", {0, 5, -1, 2, 3, 1, 1, 0});
  ge.model().mutable_graph()->mutable_initializer(0)->clear_dims();
  ge.model().mutable_graph()->mutable_initializer(0)->add_dims(4);
  ge.model().mutable_graph()->mutable_initializer(0)->add_dims(2);
  SetInt(ge.AddNode("GatherElements", {"x", "i"}, {"y"}), "axis", 1);
  ge.AddOutput("y");
  ExpectDeviceMatchesReference(ge.model(), "GatherElements");

  for (int upper = 0; upper < 2; ++upper) {
    ModelBuilder tr;
    tr.AddInput("x", {2, 5, 4});
    tr.AddInt64Initializer("k", {1});
    tr.model().mutable_graph()->mutable_initializer(0)->clear_dims();
    SetInt(tr.AddNode("Trilu", {"x", "k"}, {"y"}), "upper", upper);
    tr.AddOutput("y");
    ExpectDeviceMatchesReference(tr.model(), upper ? "Trilu upper" : "Trilu lower");
  }
}

TEST_F(CoverageOpsTest, ReductionsAndNormalization) {
  const char* ops[] = {"ReduceSum", "ReduceMean", "ReduceMax",       "ReduceMin",      "ReduceProd",
                       "ReduceL1",  "ReduceL2",   "ReduceSumSquare", "ReduceLogSumExp"};
  for (const char* op : ops) {
    for (int keep = 0; keep < 2; ++keep) {
      Shape s = RandomShape(4, 1, 5);
      ModelBuilder b;
      b.AddInput("x", s);
      onnx::NodeProto* n;
      if (std::string(op) == "ReduceSum") {  // axes as an input in opset 13
        b.AddInt64Initializer("axes", {1, -1});
        n = b.AddNode(op, {"x", "axes"}, {"y"});
      } else {
        n = b.AddNode(op, {"x"}, {"y"});
        SetInts(n, "axes", {1, -1});
      }
      SetInt(n, "keepdims", keep);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(b.model(), std::string(op) + " " + graph::ShapeToString(s), 1e-5);
    }
  }
  for (const char* op : {"ArgMax", "ArgMin"}) {
    ModelBuilder b;
    b.AddInput("x", {3, 7, 2});
    SetInt(b.AddNode(op, {"x"}, {"y"}), "axis", 1);
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(b.model(), op);
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape(), (Shape{3, 1, 2}));
    }
  }
  ModelBuilder ln;
  ln.AddInput("x", {2, 3, 130});
  ln.AddInitializer("g", {130});
  ln.AddInitializer("b", {130});
  ln.AddNode("LayerNormalization", {"x", "g", "b"}, {"y", "mean", "inv"});
  ln.AddOutput("y");
  ln.AddOutput("mean");
  ln.AddOutput("inv");
  ExpectDeviceMatchesReference(ln.model(), "LayerNormalization", 1e-5);
  for (const char* op : {"Softmax", "LogSoftmax", "Hardmax"}) {
    for (int axis : {-1, 1}) {
      ModelBuilder b;
      b.AddInput("x", {2, 5, 3});
      SetInt(b.AddNode(op, {"x"}, {"y"}), "axis", axis);
      b.AddOutput("y");
      ExpectDeviceMatchesReference(b.model(), std::string(op) + " axis " + std::to_string(axis));
    }
  }
}

TEST_F(CoverageOpsTest, ResizeModes) {
  struct Case {
    const char* mode;
    const char* coord;
    std::vector<float> scales;
  };
  for (const Case& c : std::vector<Case>{{"nearest", "asymmetric", {1, 1, 2, 3}},
                                         {"linear", "half_pixel", {1, 1, 1.5f, 0.5f}},
                                         {"linear", "align_corners", {1, 1, 2, 2}},
                                         {"cubic", "pytorch_half_pixel", {1, 1, 0.75f, 2}}}) {
    Shape s = RandomShape(4, 2, 7);
    ModelBuilder b;
    b.AddInput("x", s);
    b.AddInitializer("roi", {0}, {});
    b.AddInitializer("scales", {4}, c.scales);
    auto* n = b.AddNode("Resize", {"x", "roi", "scales"}, {"y"});
    for (auto [name, value] :
         {std::pair{"mode", c.mode}, {"coordinate_transformation_mode", c.coord}}) {
      auto* a = n->add_attribute();
      a->set_name(name);
      a->set_type(onnx::AttributeProto::STRING);
      a->set_s(value);
    }
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(
        b.model(), std::string("Resize ") + c.mode + " " + c.coord + " " + graph::ShapeToString(s));
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape()[2], static_cast<int64_t>(std::floor(s[2] * c.scales[2])));
    }
  }
}

TEST_F(CoverageOpsTest, LossesAndBatchedMatMul) {
  for (const char* reduction : {"none", "sum", "mean"}) {
    ModelBuilder b;
    b.AddInput("x", {3, 5, 2});
    b.AddInt64Initializer("t", {0, 4, 2, 1, 3, 3});
    b.model().mutable_graph()->mutable_initializer(0)->clear_dims();
    b.model().mutable_graph()->mutable_initializer(0)->add_dims(3);
    b.model().mutable_graph()->mutable_initializer(0)->add_dims(2);
    b.AddInitializer("w", {5});
    auto* n = b.AddNode("SoftmaxCrossEntropyLoss", {"x", "t", "w"}, {"loss", "logp"});
    auto* a = n->add_attribute();
    a->set_name("reduction");
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s(reduction);
    SetInt(n, "ignore_index", 3);
    b.AddOutput("loss");
    b.AddOutput("logp");
    ExpectDeviceMatchesReference(b.model(), std::string("SoftmaxCrossEntropyLoss ") + reduction);
  }
  struct Case {
    Shape a, b, y;
  };
  for (const Case& c : std::vector<Case>{{{2, 3, 4, 5}, {5, 6}, {2, 3, 4, 6}},
                                         {{2, 1, 4, 5}, {3, 5, 6}, {2, 3, 4, 6}},
                                         {{4, 12, 8, 16}, {4, 12, 16, 8}, {4, 12, 8, 8}}}) {
    ModelBuilder b;
    b.AddInput("a", c.a);
    b.AddInput("b", c.b);
    b.AddNode("MatMul", {"a", "b"}, {"y"});
    b.AddOutput("y");
    auto got = ExpectDeviceMatchesReference(
        b.model(), "MatMul " + graph::ShapeToString(c.a) + " x " + graph::ShapeToString(c.b));
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape(), c.y);
    }
  }
}

}  // namespace
}  // namespace campaign::runner
