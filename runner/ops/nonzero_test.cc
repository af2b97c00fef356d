// NonZero and Compress: the device classes against the reference classes on
// random shapes and element types, several inputs per executor (different
// counts re-plan what follows, repeated ones reuse the cached re-plan), none
// and all nonzero, and a model that computes on the result (Transpose,
// Shape folded per extent).
#include "graph/ops/nonzero.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "graph/attributes.h"
#include "graph/half.h"
#include "graph/reference/nonzero.h"
#include "runner/ops/dds_test_util.h"
#include "runner/ops/index_test_util.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using graph::testing::ModelBuilder;
using graph::testing::SetInt;
using testing::ExpectRunsMatch;
using testing::PreparedExecutor;

// x of `t` and `s` with about `density` of its elements nonzero.
HostTensor Sparse(DType t, const Shape& s, double density, std::mt19937& rng) {
  HostTensor x(t, s);
  std::bernoulli_distribution hit(density);
  const size_t size = graph::DTypeSize(t);
  auto* p = static_cast<uint8_t*>(x.raw());
  for (int64_t i = 0; i < x.size(); ++i) {
    if (!hit(rng)) {
      if (t == DType::kFloat32 && rng() % 2) p[i * size + size - 1] = 0x80;  // -0.0 is zero
      continue;
    }
    float v = static_cast<float>(1 + rng() % 200);
    if (t == DType::kFloat32) {
      x.values<float>()[i] = rng() % 2 ? v : -v;
    } else if (t == DType::kFloat16) {
      x.values<uint16_t>()[i] = graph::FloatToHalf(v);
    } else {
      p[i * size] = static_cast<uint8_t>(v);
    }
  }
  return x;
}

TEST_F(CoverageOpsTest, NonZeroEveryTypeAndCount) {
  int id = 0;
  for (DType t : {DType::kFloat32, DType::kInt64, DType::kBool, DType::kInt32, DType::kFloat16}) {
    for (int trial = 0; trial < 3; ++trial) {
      int rank = 1 + static_cast<int>(rng_() % 4);
      Shape s = RandomShape(rank, 1, 6);
      ModelBuilder b;
      b.AddInput("x", s, graph::DTypeToOnnx(t));
      b.AddNode("NonZero", {"x"}, {"y"});
      b.AddOutput("y");
      auto ex = PreparedExecutor(b.model());
      ASSERT_TRUE(ex);
      std::vector<std::vector<HostTensor>> sets;
      for (double density : {0.3, 0.0, 1.0, 0.3, 0.7}) {
        sets.push_back({Sparse(t, s, density, rng_)});
      }
      sets.push_back(sets[0]);  // the first extents again: the cached re-plan
      ExpectRunsMatch(*ex, sets,
                      "NonZero #" + std::to_string(id++) + " " + std::string(graph::DTypeName(t)) +
                          " " + graph::ShapeToString(s));
    }
  }
}

TEST_F(CoverageOpsTest, NonZeroFeedsTransposeAndShape) {
  // y = Transpose(NonZero(x)) [count, rank]; n = Shape(y) folds per extent.
  ModelBuilder b;
  b.AddInput("x", {3, 4, 5});
  b.AddNode("NonZero", {"x"}, {"nz"});
  auto* tr = b.AddNode("Transpose", {"nz"}, {"y"});
  graph::testing::SetInts(tr, "perm", {1, 0});
  b.AddNode("Shape", {"y"}, {"n"});
  b.AddOutput("y");
  b.AddOutput("n");
  auto ex = PreparedExecutor(b.model());
  ASSERT_TRUE(ex);
  std::vector<std::vector<HostTensor>> sets;
  for (double density : {0.5, 0.1, 0.0, 1.0, 0.5}) {
    sets.push_back({Sparse(DType::kFloat32, {3, 4, 5}, density, rng_)});
  }
  sets.push_back(sets[1]);
  ExpectRunsMatch(*ex, sets, "NonZero -> Transpose, Shape");
  // The profiled and timed runs go through the same switches.
  std::vector<HostTensor> got;
  auto prof = ex->RunProfiled(sets[1], &got);
  ASSERT_TRUE(prof.ok()) << prof.status().ToString();
  EXPECT_EQ(prof->layers.size(), ex->layers().size());
  auto ref = ex->RunReference(sets[1]);
  ASSERT_TRUE(ref.ok());
  ASSERT_EQ(got[0].shape(), (*ref)[0].shape());
  IterationTimes times;
  ASSERT_TRUE(ex->RunTimed(sets[0], &got, true, &times).ok());
  ref = ex->RunReference(sets[0]);
  ASSERT_EQ(got[0].shape(), (*ref)[0].shape());
  EXPECT_EQ(got[1].values<int64_t>()[0], (*ref)[1].values<int64_t>()[0]);
}

TEST_F(CoverageOpsTest, CompressWithAndWithoutAxis) {
  int id = 0;
  for (DType t : {DType::kFloat32, DType::kInt64, DType::kFloat16}) {
    for (int trial = 0; trial < 4; ++trial) {
      int rank = 1 + static_cast<int>(rng_() % 3);
      Shape s = RandomShape(rank, 1, 6);
      bool flat = trial == 3;
      int64_t axis = static_cast<int64_t>(rng_() % rank);
      int64_t extent = flat ? graph::NumElements(s) : s[axis];
      int64_t len = 1 + static_cast<int64_t>(rng_() % (extent + 2));  // shorter or longer
      ModelBuilder b;
      b.AddInput("x", s, graph::DTypeToOnnx(t));
      b.AddInput("c", {len}, onnx::TensorProto::BOOL);
      auto* n = b.AddNode("Compress", {"x", "c"}, {"y"});
      if (!flat) SetInt(n, "axis", trial == 2 ? axis - rank : axis);
      b.AddNode("Neg", {"y"}, {"z"});
      b.AddOutput("z");
      if (t == DType::kInt64) b.model().mutable_graph()->mutable_node(1)->set_op_type("Identity");
      auto ex = PreparedExecutor(b.model());
      ASSERT_TRUE(ex);
      std::vector<std::vector<HostTensor>> sets;
      for (double density : {0.5, 0.0, 1.0, 0.5}) {
        sets.push_back({Sparse(t, s, 1.0, rng_), Sparse(DType::kBool, {len}, density, rng_)});
      }
      sets.push_back(sets[0]);
      ExpectRunsMatch(*ex, sets,
                      "Compress #" + std::to_string(id++) + " " + graph::ShapeToString(s) +
                          (flat ? " flat" : " axis ") + (flat ? "" : std::to_string(axis)) +
                          " len " + std::to_string(len));
    }
  }
}

TEST_F(CoverageOpsTest, NonZeroManyExtentsKeepTheCacheBounded) {
  // More distinct counts than the re-plan caches keep (graph::Plan::kMaxReplans):
  // they are dropped and rebuilt, the results stay right.
  ModelBuilder b;
  b.AddInput("x", {40}, onnx::TensorProto::INT64);
  b.AddNode("NonZero", {"x"}, {"nz"});
  b.AddNode("Shape", {"nz"}, {"n"});
  b.AddOutput("nz");
  b.AddOutput("n");
  auto ex = PreparedExecutor(b.model());
  ASSERT_TRUE(ex);
  std::vector<std::vector<HostTensor>> sets;
  for (int64_t count = 0; count <= 40; count += 2) {
    HostTensor x(DType::kInt64, {40});
    for (int64_t i = 0; i < count; ++i) x.values<int64_t>()[i * 7 % 40] = i + 1;
    sets.push_back({std::move(x)});
  }
  ExpectRunsMatch(*ex, sets, "NonZero, 21 counts");
  ExpectRunsMatch(*ex, sets, "NonZero, 21 counts again");
}

TEST(NonZeroReference, CoordinatesInRowMajorOrder) {
  HostTensor x(DType::kInt64, {2, 3});
  std::vector<int64_t> v{0, 5, 0, 7, 0, 1};
  std::copy(v.begin(), v.end(), x.values<int64_t>().begin());
  HostTensor y;
  ASSERT_TRUE(graph::reference::NonZero(x, &y).ok());
  EXPECT_EQ(y.shape(), (Shape{2, 3}));
  EXPECT_EQ(std::vector<int64_t>(y.values<int64_t>().begin(), y.values<int64_t>().end()),
            (std::vector<int64_t>{0, 1, 1, 1, 0, 2}));
}

}  // namespace
}  // namespace campaign::runner
