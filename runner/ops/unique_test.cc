// Unique: the device class against the reference class on random shapes,
// float32 and int64, sorted or not, with and without axis (negative too),
// every subset of the four outputs; values drawn from a few so that slices
// repeat, several inputs per executor.
#include "graph/ops/unique.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "graph/attributes.h"
#include "graph/reference/unique.h"
#include "runner/ops/dds_test_util.h"
#include "runner/ops/index_test_util.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using graph::testing::ModelBuilder;
using graph::testing::SetInt;
using testing::ExpectRunsMatch;
using testing::PreparedExecutor;

// Values from {0, .., kinds - 1} (as floats for float32).
HostTensor FewValues(DType t, const Shape& s, int kinds, std::mt19937& rng) {
  HostTensor x(t, s);
  for (int64_t i = 0; i < x.size(); ++i) {
    int v = static_cast<int>(rng() % kinds) - kinds / 2;
    if (t == DType::kFloat32) {
      x.values<float>()[i] = static_cast<float>(v) * 0.5f;
    } else {
      x.values<int64_t>()[i] = v;
    }
  }
  return x;
}

TEST_F(CoverageOpsTest, UniqueEveryFormAndOutputSubset) {
  int id = 0;
  for (DType t : {DType::kFloat32, DType::kInt64}) {
    for (int sorted = 0; sorted < 2; ++sorted) {
      for (int form = 0; form < 3; ++form) {  // no axis, axis, negative axis
        int rank = 1 + static_cast<int>(rng_() % 3);
        Shape s = RandomShape(rank, 1, 5);
        int64_t axis = static_cast<int64_t>(rng_() % rank);
        int mask = 1 + static_cast<int>(rng_() % 15);  // which outputs are named
        if (id < 2) mask = 15;
        std::vector<std::string> outs;
        for (int i = 0; i < 4; ++i) outs.push_back(mask & (1 << i) ? "o" + std::to_string(i) : "");
        while (!outs.empty() && outs.back().empty()) outs.pop_back();
        ModelBuilder b;
        b.AddInput("x", s, graph::DTypeToOnnx(t));
        auto* n = b.AddNode("Unique", {"x"}, outs);
        SetInt(n, "sorted", sorted);
        if (form > 0) SetInt(n, "axis", form == 2 ? axis - rank : axis);
        for (const auto& o : outs) {
          if (!o.empty()) b.AddOutput(o);
        }
        auto ex = PreparedExecutor(b.model());
        ASSERT_TRUE(ex);
        std::vector<std::vector<HostTensor>> sets;
        for (int kinds : {3, 1, 50, 2}) sets.push_back({FewValues(t, s, kinds, rng_)});
        sets.push_back(sets[0]);
        ExpectRunsMatch(*ex, sets,
                        "Unique #" + std::to_string(id++) + " " + graph::ShapeToString(s) +
                            " sorted " + std::to_string(sorted) + " form " + std::to_string(form) +
                            " axis " + std::to_string(axis) + " outputs " + std::to_string(mask));
      }
    }
  }
}

TEST(UniqueReference, SortedSlicesAlongAnAxis) {
  // ONNX's example: [[1, 0, 0], [1, 0, 0], [2, 3, 4]] along axis 0.
  HostTensor x(DType::kFloat32, {3, 3});
  std::vector<float> v{1, 0, 0, 1, 0, 0, 2, 3, 4};
  std::copy(v.begin(), v.end(), x.values<float>().begin());
  graph::reference::UniqueResult r;
  ASSERT_TRUE(graph::reference::Unique(x, 0, true, &r).ok());
  EXPECT_EQ(r.y.shape(), (Shape{2, 3}));
  EXPECT_EQ(
      std::vector<int64_t>(r.indices.values<int64_t>().begin(), r.indices.values<int64_t>().end()),
      (std::vector<int64_t>{0, 2}));
  EXPECT_EQ(
      std::vector<int64_t>(r.inverse.values<int64_t>().begin(), r.inverse.values<int64_t>().end()),
      (std::vector<int64_t>{0, 0, 1}));
  EXPECT_EQ(
      std::vector<int64_t>(r.counts.values<int64_t>().begin(), r.counts.values<int64_t>().end()),
      (std::vector<int64_t>{2, 1}));
}

}  // namespace
}  // namespace campaign::runner
