// TopK: the device class against the reference class on random shapes,
// every value type, largest and smallest, K from 0 to the axis extent; ties
// (the reference puts the lower index first, as ONNX specifies).
#include "graph/reference/topk.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/ops/index_test_util.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::AddIntInitializer;
using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::OnnxType;
using testing::SetInt;

TEST_F(CoverageOpsTest, TopKEveryTypeAndDirection) {
  int id = 0;
  for (DType t : {DType::kFloat32, DType::kInt32, DType::kInt64}) {
    for (int largest = 0; largest < 2; ++largest) {
      for (int trial = 0; trial < 2; ++trial) {
        int rank = 1 + static_cast<int>(rng_() % 3);
        Shape s = RandomShape(rank, 1, 9);
        int64_t axis = static_cast<int64_t>(rng_() % rank);
        int64_t k = static_cast<int64_t>(rng_() % (s[axis] + 1));
        ModelBuilder b;
        b.AddInput("x", s, OnnxType(t));  // int inputs in [0, 100): ties
        AddIntInitializer(b, "k", {1}, {k});
        auto* n = b.AddNode("TopK", {"x", "k"}, {"values", "indices"});
        SetInt(n, "axis", trial ? axis - rank : axis);
        SetInt(n, "largest", largest);
        b.AddOutput("values");
        b.AddOutput("indices");
        ExpectDeviceMatchesReference(
            b.model(), "TopK #" + std::to_string(id++) + " " + graph::ShapeToString(s) + " axis " +
                           std::to_string(axis) + " k " + std::to_string(k));
      }
    }
  }
  ModelBuilder a;  // opset 1: k as an attribute; a long row
  a.AddInput("x", {2, 1000});
  auto* n = a.AddNode("TopK", {"x"}, {"values", "indices"});
  SetInt(n, "k", 50);
  a.AddOutput("values");
  a.AddOutput("indices");
  ExpectDeviceMatchesReference(a.model(), "TopK k attribute, long rows");

  ModelBuilder h;  // float16 through the half adapter
  h.AddInput("x", {3, 17}, onnx::TensorProto::FLOAT16);
  AddIntInitializer(h, "k", {1}, {5});
  h.AddNode("TopK", {"x", "k"}, {"values", "indices"});
  h.AddOutput("values");
  h.AddOutput("indices");
  ExpectDeviceMatchesReference(h.model(), "TopK float16", 1e-3);
}

TEST(TopKReference, TiesKeepTheLowerIndexFirst) {
  HostTensor x(DType::kInt64, {6});
  std::vector<int64_t> v{3, 7, 3, 7, 1, 3};
  std::copy(v.begin(), v.end(), x.values<int64_t>().begin());
  HostTensor y(DType::kInt64, {4}), yi(DType::kInt64, {4});
  ASSERT_TRUE(graph::reference::TopK(x, 0, 4, true, &y, &yi).ok());
  EXPECT_EQ(std::vector<int64_t>(y.values<int64_t>().begin(), y.values<int64_t>().end()),
            (std::vector<int64_t>{7, 7, 3, 3}));
  EXPECT_EQ(std::vector<int64_t>(yi.values<int64_t>().begin(), yi.values<int64_t>().end()),
            (std::vector<int64_t>{1, 3, 0, 2}));
  ASSERT_TRUE(graph::reference::TopK(x, 0, 4, false, &y, &yi).ok());
  EXPECT_EQ(std::vector<int64_t>(yi.values<int64_t>().begin(), yi.values<int64_t>().end()),
            (std::vector<int64_t>{4, 0, 2, 5}));
}

TEST_F(CoverageOpsTest, TopKNeedsAConstantK) {
  ModelBuilder b;
  b.AddInput("x", {2, 5});
  b.AddInput("k", {1}, onnx::TensorProto::INT64);
  b.AddNode("TopK", {"x", "k"}, {"values", "indices"});
  b.AddOutput("values");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp) << ex.status().ToString();
}

}  // namespace
}  // namespace campaign::runner
