// LayerNormalization (and its ai.campaign twin for engines below opset 17):
// the one-pass OpenCL kernel against the reference on random shapes, with
// rows whose mean is large against their spread (the kernel's shifted sums
// must stay accurate there) and without a bias.
#include <gtest/gtest.h>

#include <random>

#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

TEST(LayerNormTest, OnePassKernelMatchesReference) {
  std::mt19937 rng(5);
  for (int round = 0; round < 3; ++round) {
    const int64_t rows = 1 + rng() % 7, inner = 1 + rng() % 200;
    const float offset = round == 0 ? 0.0f : 50.0f * static_cast<float>(round);
    const bool campaign_domain = round != 1, bias = round != 2;
    ModelBuilder b;
    b.AddInput("x", {rows, inner});
    b.AddInitializer("offset", {}, {offset});
    b.AddInitializer("g", {inner}, {}, 3);
    b.AddInitializer("b", {inner}, {}, 4);
    b.AddNode("Add", {"x", "offset"}, {"xo"});
    std::vector<std::string> in = {"xo", "g"};
    if (bias) in.push_back("b");
    auto* n = b.AddNode("LayerNormalization", in, {"y"});
    if (campaign_domain) n->set_domain("ai.campaign");
    testing::SetInt(n, "axis", -1);
    testing::SetFloat(n, "epsilon", 1e-6f);
    b.AddOutput("y");
    testing::ExpectDeviceMatchesReference(
        b.model(),
        "LayerNorm [" + std::to_string(rows) + ", " + std::to_string(inner) + "] offset " +
            std::to_string(offset) + (campaign_domain ? " ai.campaign" : "") +
            (bias ? "" : " no bias"),
        2e-5);
  }
}

}  // namespace
}  // namespace campaign::runner
