// 1-D and 3-D Conv and FusedConv: the device class against the reference
// class (graph/reference/conv.h ConvNd, a direct loop) on random shapes. A
// 1-D convolution runs on the 2-D paths with H = 1, so each case runs under
// CAMPAIGN_CONV_IMPLICIT=0 (pointwise GEMM / im2col) and 1 (implicit GEMM);
// grouped ones take the depthwise or direct kernel. 3-D ones take
// convnd_direct_f32 and the epilogue kernel.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::SetInt;
using testing::SetInts;

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& v) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

class ScopedImplicitPolicy {
 public:
  explicit ScopedImplicitPolicy(const char* value) { setenv(kName, value, 1); }
  ~ScopedImplicitPolicy() { unsetenv(kName); }

 private:
  static constexpr char kName[] = "CAMPAIGN_CONV_IMPLICIT";
};

// A random Conv (or FusedConv with Relu and a residual) of `k` spatial dims.
ModelBuilder RandomConv(std::mt19937& rng, int k, bool fused, std::string* what) {
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  const char* auto_pads[] = {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"};
  const int64_t group = pick(0, 2) == 0 ? 1 : pick(2, 3);
  const int64_t cg = pick(1, 3);
  const bool depthwise = group > 1 && pick(0, 1) == 1;
  const int64_t mg = depthwise ? 1 : pick(1, 3);
  const int64_t c = depthwise ? group : group * cg;
  Shape x{pick(1, 2), c}, w{group * mg, c / group};
  std::vector<int64_t> strides, dilations, pads(2 * k);
  Shape y{x[0], w[0]};
  const char* auto_pad = auto_pads[pick(0, 3)];
  for (int d = 0; d < k; ++d) {
    const int64_t kern = pick(1, 3), dl = pick(1, 2), s = pick(1, 2);
    const int64_t in = pick((kern - 1) * dl + 1, k == 3 ? 6 : 17);
    x.push_back(in);
    w.push_back(kern);
    strides.push_back(s);
    dilations.push_back(dl);
    pads[d] = pick(0, 2);
    pads[k + d] = pick(0, 2);
  }
  ModelBuilder b;
  b.AddInput("x", x);
  b.AddInitializer("w", w);
  const bool bias = pick(0, 1) == 1;
  if (bias) b.AddInitializer("b", {w[0]});
  std::vector<std::string> ins{"x", "w", bias ? "b" : ""};
  *what = std::string(fused ? "FusedConv" : "Conv") + " x" + graph::ShapeToString(x) + " w" +
          graph::ShapeToString(w) + " group " + std::to_string(group) + " " + auto_pad;
  if (fused) {
    // The residual needs the output shape: ask the reference.
    ModelBuilder probe;
    probe.AddInput("x", x);
    probe.AddInitializer("w", w);
    auto* n = probe.AddNode("Conv", {"x", "w"}, {"y"});
    SetInts(n, "strides", strides);
    SetInts(n, "dilations", dilations);
    SetInt(n, "group", group);
    if (std::string(auto_pad) == "NOTSET") SetInts(n, "pads", pads);
    if (std::string(auto_pad) != "NOTSET") SetString(n, "auto_pad", auto_pad);
    probe.AddOutput("y");
    auto ex = Executor::Create(probe.model());
    EXPECT_TRUE(ex.ok()) << ex.status().ToString();
    auto out = (*ex)->RunReference((*ex)->MakeRandomInputs(1));
    EXPECT_TRUE(out.ok());
    b.AddInput("r", (*out)[0].shape());
    ins.push_back("r");
  }
  auto* n = b.AddNode(fused ? "FusedConv" : "Conv", ins, {"y"});
  if (fused) {
    n->set_domain("ai.campaign");
    SetString(n, "activation", "Relu");
  }
  SetInts(n, "strides", strides);
  SetInts(n, "dilations", dilations);
  SetInt(n, "group", group);
  if (std::string(auto_pad) == "NOTSET") SetInts(n, "pads", pads);
  if (std::string(auto_pad) != "NOTSET") SetString(n, "auto_pad", auto_pad);
  b.AddOutput("y");
  return b;
}

TEST_F(OpsTest, ConvNdRandomShapes) {
  std::mt19937 rng(31);
  for (const char* policy : {"0", "1"}) {
    ScopedImplicitPolicy scoped(policy);
    for (int t = 0; t < 24; ++t) {
      std::string what;
      ModelBuilder b = RandomConv(rng, t % 2 == 0 ? 1 : 3, t % 4 >= 2, &what);
      Check(b, what + " CAMPAIGN_CONV_IMPLICIT=" + policy, 1e-5);
    }
  }
}

// A 1-D convolution big enough for the implicit GEMM under the default
// policy (at least 128 output tiles of 64 x 64).
TEST_F(OpsTest, Conv1dLarge) {
  ModelBuilder b;
  b.AddInput("x", {1, 8, 4100});
  b.AddInitializer("w", {128, 8, 5});
  b.AddInitializer("b", {128});
  auto* n = b.AddNode("Conv", {"x", "w", "b"}, {"y"});
  SetInts(n, "pads", {2, 2});
  b.AddOutput("y");
  Check(b, "Conv1d x[1,8,4100] w[128,8,5]", 1e-5);
}

}  // namespace
}  // namespace campaign::runner
