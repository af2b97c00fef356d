// ReverseSequence: the device class against the reference class on random
// shapes, both axis layouts, constant lengths of both index types.
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

TEST_F(CoverageOpsTest, ReverseSequenceBothLayouts) {
  int id = 0;
  for (int64_t batch_axis : {0, 1}) {
    for (DType t : {DType::kFloat32, DType::kInt64}) {
      for (bool i32 : {false, true}) {
        Shape s = RandomShape(2 + static_cast<int>(rng_() % 2), 1, 6);
        int64_t time_axis = 1 - batch_axis;
        std::vector<int64_t> lens;
        for (int64_t b = 0; b < s[batch_axis]; ++b) lens.push_back(rng_() % (s[time_axis] + 1));
        ModelBuilder m;
        m.AddInput("x", s, OnnxType(t));
        AddIntInitializer(m, "lens", {s[batch_axis]}, lens, i32);
        auto* n = m.AddNode("ReverseSequence", {"x", "lens"}, {"y"});
        SetInt(n, "batch_axis", batch_axis);
        SetInt(n, "time_axis", time_axis);
        m.AddOutput("y");
        ExpectDeviceMatchesReference(
            m.model(), "ReverseSequence #" + std::to_string(id++) + " " + graph::ShapeToString(s));
      }
    }
  }
}

}  // namespace
}  // namespace campaign::runner
