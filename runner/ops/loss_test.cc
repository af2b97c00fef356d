// Losses and batched MatMul: the device classes against the reference classes on random
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
