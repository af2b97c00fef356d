// CumSum: the device class against the reference class on random shapes,
// every type, exclusive and reverse.
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

TEST_F(CoverageOpsTest, CumSumEveryTypeAndForm) {
  int id = 0;
  for (DType t : {DType::kFloat32, DType::kInt32, DType::kInt64}) {
    for (int exclusive = 0; exclusive < 2; ++exclusive) {
      for (int reverse = 0; reverse < 2; ++reverse) {
        int rank = 1 + static_cast<int>(rng_() % 3);
        Shape s = RandomShape(rank, 1, 7);
        int64_t axis = static_cast<int64_t>(rng_() % rank);
        ModelBuilder b;
        b.AddInput("x", s, OnnxType(t));
        AddIntInitializer(b, "axis", {}, {rng_() % 2 ? axis - rank : axis}, rng_() % 2 == 0);
        auto* n = b.AddNode("CumSum", {"x", "axis"}, {"y"});
        SetInt(n, "exclusive", exclusive);
        SetInt(n, "reverse", reverse);
        b.AddOutput("y");
        ExpectDeviceMatchesReference(b.model(), "CumSum #" + std::to_string(id++) + " " +
                                                    graph::ShapeToString(s) + " axis " +
                                                    std::to_string(axis));
      }
    }
  }
}

}  // namespace
}  // namespace campaign::runner
