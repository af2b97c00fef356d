// Gemm and MatMul: the device classes against the reference classes on random
// shapes (runner/ops/op_test_fixtures.h).
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
    Check(b, "Gemm A" + graph::ShapeToString(c.a) + " B" + graph::ShapeToString(c.b) + " C" +
                 graph::ShapeToString(c.c));
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

}  // namespace
}  // namespace campaign::runner
