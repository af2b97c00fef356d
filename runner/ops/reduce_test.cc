// Reductions and normalization: the device classes against the reference classes on random
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
      ExpectDeviceMatchesReference(b.model(), std::string(op) + " " + graph::ShapeToString(s),
                                   1e-5);
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

}  // namespace
}  // namespace campaign::runner
