// Each operator on the OpenCL device against the CPU reference, on random
// single-node models; the failure message names the case and its shapes.
#include <gtest/gtest.h>

#include <functional>

#include "runner/executor.h"
#include "runner/ops/registry.h"
#include "runner/ops/supported_ops.h"
#include "runner/test_util.h"
#include "graph/validation.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetFloat;
using testing::SetInt;
using testing::SetInts;

class OpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rt_ = testing::SharedRuntime();
    if (!rt_) GTEST_SKIP() << "no OpenCL device";
  }

  // Runs `b`'s model on the device and on the reference with random inputs
  // and expects them to agree.
  void Check(ModelBuilder& b, const std::string& what, double tol = 1e-5) {
    SCOPED_TRACE(what);
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    Status st = (*ex)->PrepareDevice(*rt_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto inputs = (*ex)->MakeRandomInputs(42);
    std::vector<HostTensor> got;
    st = (*ex)->Run(inputs, &got);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto ref = (*ex)->RunReference(inputs);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ASSERT_EQ(got.size(), ref->size());
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].shape(), (*ref)[i].shape());
    }
    Validation v = graph::CompareOutputs(got, *ref, tol);
    EXPECT_TRUE(v.passed) << what << " output " << graph::ShapeToString(got[0].shape())
                          << ": norm_rel_error " << v.norm_rel_error << " max_abs "
                          << v.max_abs_error;
    // Random inputs must give a non-trivial output.
    EXPECT_GT(got[0].size(), 0);
  }

  cl::Runtime* rt_ = nullptr;
};

TEST(SupportedOpsTest, MatchesRegistry) {
  std::set<std::string> keys;
  for (const auto& [name, factory] : ops::OpRegistry()) keys.insert(name);
  EXPECT_EQ(keys, SupportedOpTypes());
  EXPECT_TRUE(SupportedOpTypes().count("Conv"));
  EXPECT_FALSE(SupportedOpTypes().count("Einsum"));
}

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

struct ConvCase {
  Shape x, w;
  std::vector<int64_t> strides, pads, dilations;
  int64_t group;
  bool bias;
};

TEST_F(OpsTest, ConvPaths) {
  std::vector<ConvCase> cases = {
      {{1, 3, 9, 11}, {5, 3, 3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, 1, true},   // im2col
      {{2, 8, 5, 5}, {6, 8, 1, 1}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 1, true},    // pointwise
      {{1, 4, 7, 7}, {6, 2, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 2, true},    // groups
      {{1, 6, 10, 10}, {6, 1, 3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, 6, true},  // depthwise
      {{2, 3, 12, 9}, {4, 3, 3, 2}, {1, 2}, {0, 1, 2, 0}, {2, 1}, 1, false},  // dilation
      {{1, 2, 6, 6}, {3, 2, 1, 1}, {2, 2}, {0, 0, 0, 0}, {1, 1}, 1, false},   // strided 1x1
  };
  for (const ConvCase& c : cases) {
    ModelBuilder b;
    b.AddInput("x", c.x);
    b.AddInitializer("w", c.w);
    std::vector<std::string> in{"x", "w"};
    if (c.bias) {
      b.AddInitializer("b", {c.w[0]});
      in.push_back("b");
    }
    auto* n = b.AddNode("Conv", in, {"y"});
    SetInts(n, "strides", c.strides);
    SetInts(n, "pads", c.pads);
    SetInts(n, "dilations", c.dilations);
    SetInt(n, "group", c.group);
    b.AddOutput("y");
    Check(b, "Conv x" + graph::ShapeToString(c.x) + " w" + graph::ShapeToString(c.w) + " group " +
                 std::to_string(c.group));
  }
}

TEST_F(OpsTest, Pooling) {
  struct Case {
    const char* op;
    Shape x;
    std::vector<int64_t> kernel, strides, pads;
    int64_t ceil_mode, include_pad;
  };
  std::vector<Case> cases = {
      {"MaxPool", {1, 2, 13, 13}, {3, 3}, {2, 2}, {0, 0, 0, 0}, 1, 0},
      {"MaxPool", {2, 3, 8, 9}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 0},
      {"MaxPool", {1, 1, 5, 5}, {2, 2}, {2, 2}, {1, 1, 1, 1}, 1, 0},
      {"AveragePool", {1, 2, 7, 7}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 1},
      {"AveragePool", {1, 2, 7, 7}, {3, 3}, {2, 2}, {1, 1, 1, 1}, 0, 0},
      {"AveragePool", {1, 2, 6, 6}, {3, 3}, {2, 2}, {0, 0, 1, 1}, 1, 1},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    b.AddInput("x", c.x);
    auto* n = b.AddNode(c.op, {"x"}, {"y"});
    SetInts(n, "kernel_shape", c.kernel);
    SetInts(n, "strides", c.strides);
    SetInts(n, "pads", c.pads);
    SetInt(n, "ceil_mode", c.ceil_mode);
    if (std::string(c.op) == "AveragePool") SetInt(n, "count_include_pad", c.include_pad);
    b.AddOutput("y");
    Check(b, std::string(c.op) + " " + graph::ShapeToString(c.x) + " ceil " + std::to_string(c.ceil_mode) +
                 " include_pad " + std::to_string(c.include_pad));
  }
  ModelBuilder g;
  g.AddInput("x", {2, 3, 5, 7});
  g.AddNode("GlobalAveragePool", {"x"}, {"y"});
  g.AddOutput("y");
  Check(g, "GlobalAveragePool");
}

TEST_F(OpsTest, GemmVariants) {
  struct Case {
    Shape a, b, c;
    int64_t ta, tb;
    float alpha, beta;
  };
  std::vector<Case> cases = {
      {{3, 5}, {4, 5}, {4}, 0, 1, 1.0f, 1.0f},
      {{5, 3}, {5, 4}, {3, 1}, 1, 0, 0.5f, 2.0f},
      {{3, 5}, {5, 4}, {}, 0, 0, 1.0f, 1.0f},
      {{3, 5}, {5, 4}, {3, 4}, 0, 0, 1.0f, 0.0f},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    b.AddInput("a", c.a);
    b.AddInitializer("b", c.b);
    std::vector<std::string> in{"a", "b"};
    if (!c.c.empty()) {
      b.AddInitializer("c", c.c);
      in.push_back("c");
    }
    auto* n = b.AddNode("Gemm", in, {"y"});
    SetInt(n, "transA", c.ta);
    SetInt(n, "transB", c.tb);
    SetFloat(n, "alpha", c.alpha);
    SetFloat(n, "beta", c.beta);
    b.AddOutput("y");
    Check(b, "Gemm A" + graph::ShapeToString(c.a) + " B" + graph::ShapeToString(c.b) + " C" + graph::ShapeToString(c.c));
  }
}

TEST_F(OpsTest, MatMulShapes) {
  std::vector<std::pair<Shape, Shape>> cases = {{{3, 5}, {5, 4}},
                                                {{2, 3, 5}, {5, 4}},
                                                {{2, 3, 5}, {2, 5, 4}},
                                                {{2, 1, 3, 5}, {3, 5, 4}},
                                                {{3, 5}, {5}}};
  for (const auto& [a, bs] : cases) {
    ModelBuilder b;
    b.AddInput("a", a);
    b.AddInput("b", bs);
    b.AddNode("MatMul", {"a", "b"}, {"y"});
    b.AddOutput("y");
    Check(b, "MatMul " + graph::ShapeToString(a) + " x " + graph::ShapeToString(bs));
  }
}

TEST_F(OpsTest, ConcatAxes) {
  for (int64_t axis : {1, 0, -1}) {
    ModelBuilder b;
    Shape s1{2, 3, 4}, s2{2, 3, 4}, s3{2, 3, 4};
    int64_t a = axis < 0 ? 2 : axis;
    s2[a] = 1;
    s3[a] = 5;
    b.AddInput("a", s1);
    b.AddInput("b", s2);
    b.AddInitializer("c", s3);
    auto* n = b.AddNode("Concat", {"a", "b", "c"}, {"y"});
    SetInt(n, "axis", axis);
    b.AddOutput("y");
    Check(b, "Concat axis " + std::to_string(axis));
  }
}

TEST_F(OpsTest, AliasesAndSoftmax) {
  ModelBuilder b;
  b.AddInput("x", {2, 3, 4, 5});
  b.AddInt64Initializer("shape", {0, -1, 5});
  b.AddNode("Reshape", {"x", "shape"}, {"r"});
  auto* f = b.AddNode("Flatten", {"r"}, {"f"});
  SetInt(f, "axis", 2);
  b.AddNode("Identity", {"f"}, {"i"});
  b.AddNode("Dropout", {"i"}, {"d"});
  auto* s = b.AddNode("Softmax", {"d"}, {"y"});
  SetInt(s, "axis", 0);
  b.AddOutput("y");
  Check(b, "Reshape/Flatten/Identity/Dropout -> Softmax axis 0");
  ModelBuilder last;
  last.AddInput("x", {3, 4, 10});
  last.AddNode("Softmax", {"x"}, {"y"});
  last.AddOutput("y");
  Check(last, "Softmax axis -1");
}

}  // namespace
}  // namespace campaign::runner
