// BatchNormalization: the device class against the reference class on
// random shapes, rank 2 to 5, with constant statistics, with statistics
// computed by other nodes, and in training mode (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetFloat;

class BatchNormOpsTest : public OpsTest {
 protected:
  std::mt19937 rng_{99};
  Shape RandomShape(int rank) {
    std::uniform_int_distribution<int64_t> d(1, 7);
    Shape s;
    for (int i = 0; i < rank; ++i) s.push_back(d(rng_));
    return s;
  }
};

TEST_F(BatchNormOpsTest, ConstantStatistics) {
  for (int rank : {2, 3, 4, 5}) {
    Shape x = RandomShape(rank);
    const int64_t c = x[1];
    ModelBuilder b;
    b.AddInput("x", x);
    b.AddInitializer("scale", {c}, {}, 1);
    b.AddInitializer("bias", {c}, {}, 2);
    b.AddInitializer("mean", {c}, {}, 3);
    std::vector<float> var(static_cast<size_t>(c));
    for (size_t i = 0; i < var.size(); ++i) var[i] = 0.25f + 0.5f * static_cast<float>(i);
    b.AddInitializer("var", {c}, var);
    auto* n = b.AddNode("BatchNormalization", {"x", "scale", "bias", "mean", "var"}, {"y"});
    SetFloat(n, "epsilon", 1e-3f);
    b.AddOutput("y");
    Check(b, "BatchNormalization constant stats x " + graph::ShapeToString(x));
  }
}

// DenseNet-style: Concat then BatchNormalization, with every statistic a
// graph input or computed (var = stats * stats + 0.1, so positive).
TEST_F(BatchNormOpsTest, ComputedStatisticsAfterConcat) {
  for (int rank : {3, 4, 5}) {
    Shape a = RandomShape(rank), b2 = a;
    b2[1] = a[1] + 2;
    const int64_t c = a[1] + b2[1];
    ModelBuilder b;
    b.AddInput("a", a);
    b.AddInput("b", b2);
    b.AddInput("scale", {c});
    b.AddInput("bias", {c});
    b.AddInput("mean", {c});
    b.AddInput("s", {c});
    b.AddInitializer("tenth", {1}, {0.1f});
    auto* cat = b.AddNode("Concat", {"a", "b"}, {"x"});
    testing::SetInt(cat, "axis", 1);
    b.AddNode("Mul", {"s", "s"}, {"s2"});
    b.AddNode("Add", {"s2", "tenth"}, {"var"});
    b.AddNode("BatchNormalization", {"x", "scale", "bias", "mean", "var"}, {"y"});
    b.AddOutput("y");
    Check(b, "Concat -> BatchNormalization computed stats x " + graph::ShapeToString(a));
  }
}

// Training mode (opset 15 training_mode=1): batch statistics, and the
// running statistics outputs, all three or only some of them named.
TEST_F(BatchNormOpsTest, TrainingModeBatchStatistics) {
  const std::vector<std::vector<std::string>> outputs = {
      {"y", "running_mean", "running_var"}, {"y"}, {"y", "", "running_var"}, {"y", "running_mean"}};
  for (int rank : {2, 3, 4, 5}) {
    for (const auto& outs : outputs) {
      Shape x = RandomShape(rank);
      x[0] += 1;  // a batch of at least 2
      const int64_t c = x[1];
      ModelBuilder b;
      b.AddInput("x", x);
      b.AddInitializer("scale", {c}, {}, 1);
      b.AddInitializer("bias", {c}, {}, 2);
      b.AddInput("mean", {c});
      b.AddInput("s", {c});
      b.AddNode("Mul", {"s", "s"}, {"var"});  // a non-negative var
      auto* n = b.AddNode("BatchNormalization", {"x", "scale", "bias", "mean", "var"}, outs);
      testing::SetInt(n, "training_mode", 1);
      SetFloat(n, "epsilon", 1e-2f);
      SetFloat(n, "momentum", 0.8f);
      std::string named;
      for (const std::string& o : outs) {
        if (o.empty()) continue;
        b.AddOutput(o);
        named += " " + o;
      }
      Check(b, "BatchNormalization training x " + graph::ShapeToString(x) + named, 1e-5);
    }
  }
}

}  // namespace
}  // namespace campaign::runner
