// The fast convolution paths (conv_plan.h) and the FusedConv epilogue with a
// residual: OpenCL against the reference on random shapes, the fused
// reference against plain ONNX ops, and the path/tile choice itself.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "graph/validation.h"
#include "runner/executor.h"
#include "runner/ops/conv_plan.h"
#include "runner/ops/op_test_fixtures.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using ops::ChooseConvPath;
using ops::ChooseDepthwiseTile;
using ops::ConvPath;
using testing::ModelBuilder;
using testing::SetInt;
using testing::SetInts;

struct ConvSpec {
  Shape x;
  int64_t m, k, stride, group;
  std::vector<int64_t> pads;
  int64_t dilation = 1;
  bool bias = true;
  std::string what() const {
    return "x" + graph::ShapeToString(x) + " m " + std::to_string(m) + " k " + std::to_string(k) +
           " stride " + std::to_string(stride) + " group " + std::to_string(group) + " pads " +
           std::to_string(pads[0]) + "," + std::to_string(pads[1]) + "," + std::to_string(pads[2]) +
           "," + std::to_string(pads[3]) + " dilation " + std::to_string(dilation) +
           (bias ? "" : " no bias");
  }
};

// Adds node `op` (Conv or FusedConv) for `c` reading x (and r when given).
onnx::NodeProto* AddConv(ModelBuilder& b, const std::string& op, const ConvSpec& c,
                         const std::string& residual, const std::string& out) {
  std::vector<std::string> in{"x", "w", c.bias ? "b" : ""};
  if (!residual.empty()) in.push_back(residual);
  auto* n = b.AddNode(op, in, {out});
  SetInts(n, "strides", {c.stride, c.stride});
  SetInts(n, "pads", c.pads);
  SetInts(n, "dilations", {c.dilation, c.dilation});
  SetInt(n, "group", c.group);
  return n;
}

Shape OutputShape(const ConvSpec& c) {
  auto out = [&](int64_t in, int64_t p0, int64_t p1) {
    return (in + p0 + p1 - c.dilation * (c.k - 1) - 1) / c.stride + 1;
  };
  return {c.x[0], c.m, out(c.x[2], c.pads[0], c.pads[2]), out(c.x[3], c.pads[1], c.pads[3])};
}

void AddWeights(ModelBuilder& b, const ConvSpec& c) {
  b.AddInput("x", c.x);
  b.AddInitializer("w", {c.m, c.x[1] / c.group, c.k, c.k});
  if (c.bias) b.AddInitializer("b", {c.m});
}

std::vector<HostTensor> Reference(const onnx::ModelProto& m) {
  auto ex = Executor::Create(m);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  if (!ex.ok()) return {};
  auto out = (*ex)->RunReference((*ex)->MakeRandomInputs(42));
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::vector<HostTensor>{};
}

// FusedConv(x, w, b, r) {Relu or Clip} against Conv -> Add(r) -> act on the
// reference, then on the device against the reference.
void CheckResidual(const ConvSpec& c, bool clip) {
  SCOPED_TRACE(c.what());
  ModelBuilder fused, plain;
  for (ModelBuilder* b : {&fused, &plain}) {
    AddWeights(*b, c);
    b->AddInput("r", OutputShape(c));
  }
  auto* f = AddConv(fused, "FusedConv", c, "r", "y");
  f->set_domain("ai.campaign");
  auto* act = f->add_attribute();
  act->set_name("activation");
  act->set_type(onnx::AttributeProto::STRING);
  act->set_s(clip ? "Clip" : "Relu");
  if (clip) testing::SetFloat(f, "activation_beta", 0.5f);
  AddConv(plain, "Conv", c, "", "conv");
  plain.AddNode("Add", {"conv", "r"}, {"sum"});
  if (clip) {
    plain.AddInitializer("lo", {}, {0.0f});
    plain.AddInitializer("hi", {}, {0.5f});
    plain.AddNode("Clip", {"sum", "lo", "hi"}, {"y"});
  } else {
    plain.AddNode("Relu", {"sum"}, {"y"});
  }
  fused.AddOutput("y");
  plain.AddOutput("y");
  std::vector<HostTensor> fr = Reference(fused.model()), pr = Reference(plain.model());
  ASSERT_EQ(fr.size(), 1u);
  ASSERT_EQ(pr.size(), 1u);
  Validation v = CompareOutputs(fr, pr, 1e-5);
  EXPECT_TRUE(v.passed) << "fused reference vs plain: norm_rel_error " << v.norm_rel_error;
  testing::ExpectDeviceMatchesReference(fused.model(), "FusedConv+residual " + c.what());
}

// Sets CAMPAIGN_CONV_IMPLICIT for the life of the object (ops read it when
// the executor is created).
class ScopedImplicitPolicy {
 public:
  explicit ScopedImplicitPolicy(const char* value) { setenv(kName, value, 1); }
  ~ScopedImplicitPolicy() { unsetenv(kName); }

 private:
  static constexpr char kName[] = "CAMPAIGN_CONV_IMPLICIT";
};

TEST(ConvFusedTest, ResidualEpilogueOnEveryPath) {
  const std::vector<ConvSpec> cases = {
      {{2, 6, 5, 7}, 4, 1, 1, 1, {0, 0, 0, 0}},            // pointwise (batched GEMM)
      {{2, 3, 9, 8}, 5, 3, 2, 1, {1, 1, 1, 1}},            // implicit GEMM / im2col
      {{1, 6, 11, 9}, 6, 3, 1, 6, {1, 1, 1, 1}},           // depthwise
      {{1, 4, 7, 7}, 6, 3, 1, 2, {1, 1, 1, 1}, 1, false},  // grouped: direct
  };
  for (const char* policy : {"0", "1"}) {
    SCOPED_TRACE(std::string("CAMPAIGN_CONV_IMPLICIT=") + policy);
    ScopedImplicitPolicy scoped(policy);
    bool clip = false;
    for (const ConvSpec& c : cases) {
      CheckResidual(c, clip);
      clip = !clip;
    }
  }
}

// Group-1 convolutions on random shapes through the implicit-GEMM kernel:
// channel counts across tile edges (64 output channels, 16-deep K steps),
// columns across the batch, strides, asymmetric pads, dilation, no bias.
TEST(ConvFusedTest, ImplicitGemmRandomShapes) {
  ScopedImplicitPolicy scoped("1");
  std::mt19937 rng(5);
  for (int i = 0; i < 6; ++i) {
    const int64_t k = 1 + 2 * (i % 3), stride = 1 + i % 2;
    const int64_t c = 1 + rng() % 20, m = 1 + rng() % 80, n = 1 + rng() % 3;
    const int64_t h = k + rng() % 12, w = k + rng() % 15;
    std::vector<int64_t> pads(4, k / 2);
    if (i == 4) pads = {0, 1, 2, 0};
    ConvSpec s{{n, c, h, w}, m, k, stride, 1, pads, i == 5 ? 2 : 1, i != 2};
    if (i == 5) s.x = {n, c, h + 2, w + 2};
    if (i % 2 == 1) {
      CheckResidual(s, i == 3);
      continue;
    }
    ModelBuilder b;
    AddWeights(b, s);
    AddConv(b, "Conv", s, "", "y");
    b.AddOutput("y");
    testing::ExpectDeviceMatchesReference(b.model(), "implicit GEMM Conv " + s.what());
  }
}

// Depthwise convolutions on random shapes (3x3 and 5x5, stride 1 and 2,
// symmetric and asymmetric pads, dilation, planes wider than one tile), as
// plain Conv (bias only) and FusedConv with a residual.
TEST(ConvFusedTest, DepthwiseRandomShapes) {
  std::mt19937 rng(11);
  for (int i = 0; i < 8; ++i) {
    const int64_t k = i % 2 == 0 ? 3 : 5, stride = 1 + (i / 2) % 2;
    const int64_t c = 1 + rng() % 5, n = 1 + rng() % 2;
    const int64_t h = 5 + rng() % 30, w = 5 + rng() % 40;
    std::vector<int64_t> pads(4, k / 2);
    if (i == 6) pads = {0, 1, 2, 0};
    ConvSpec s{{n, c, h, w}, c, k, stride, c, pads, i == 7 ? 2 : 1, i != 3};
    if (i % 3 == 0) {
      CheckResidual(s, i % 2 == 1);
      continue;
    }
    ModelBuilder b;
    AddWeights(b, s);
    AddConv(b, "Conv", s, "", "y");
    b.AddOutput("y");
    testing::ExpectDeviceMatchesReference(b.model(), "depthwise Conv " + s.what());
  }
}

TEST(ConvFusedTest, GlobalAveragePoolPlaneSizes) {
  for (const Shape& x : std::vector<Shape>{{2, 3, 1, 1}, {1, 5, 7, 7}, {2, 2, 23, 29}}) {
    ModelBuilder b;
    b.AddInput("x", x);
    b.AddNode("GlobalAveragePool", {"x"}, {"y"});
    b.AddOutput("y");
    testing::ExpectDeviceMatchesReference(b.model(),
                                          "GlobalAveragePool " + graph::ShapeToString(x));
  }
}

TEST(ConvPlanTest, PathChoice) {
  graph::reference::Conv2dParams p;
  p.kernel_h = p.kernel_w = 1;
  // Few output tiles (a 7x7 plane, 16 channels): CLBlast on the input.
  EXPECT_EQ(ChooseConvPath({1, 8, 7, 7}, {16, 8, 1, 1}, {1, 16, 7, 7}, p), ConvPath::kPointwise);
  // Squeeze-excitation on pooled [N, C, 1, 1] vectors: 1 tile, CLBlast.
  EXPECT_EQ(ChooseConvPath({4, 8, 1, 1}, {16, 8, 1, 1}, {4, 16, 1, 1}, p), ConvPath::kPointwise);
  // Enough tiles for one wave (128 x 64 columns): the implicit GEMM, pointwise too.
  EXPECT_EQ(ops::ImplicitGemmTiles({64, 8, 1, 1}, {2, 64, 64, 64}), 128);
  EXPECT_EQ(ChooseConvPath({2, 8, 64, 64}, {64, 8, 1, 1}, {2, 64, 64, 64}, p), ConvPath::kImplicit);
  EXPECT_EQ(ChooseConvPath({1, 8, 64, 64}, {64, 8, 1, 1}, {1, 64, 64, 64}, p),
            ConvPath::kPointwise);
  // Strided 1x1 and 3x3: im2col + GEMM below the tile count, either one when forced.
  p.stride_h = p.stride_w = 2;
  EXPECT_EQ(ChooseConvPath({1, 8, 7, 7}, {16, 8, 1, 1}, {1, 16, 4, 4}, p), ConvPath::kIm2col);
  p.kernel_h = p.kernel_w = 3;
  EXPECT_EQ(ChooseConvPath({8, 8, 128, 128}, {64, 8, 3, 3}, {8, 64, 63, 63}, p),
            ConvPath::kImplicit);
  const int64_t big = 300;
  EXPECT_EQ(ChooseConvPath({1, 8, 7, 7}, {big, 8, 3, 3}, {1, big, 3, 3}, p), ConvPath::kIm2col);
  EXPECT_EQ(ChooseConvPath({1, 8, 7, 7}, {big, 8, 3, 3}, {1, big, 3, 3}, p,
                           ops::ImplicitGemmPolicy::kAlways),
            ConvPath::kImplicit);
  EXPECT_EQ(ChooseConvPath({1, 8, 7, 7}, {16, 8, 3, 3}, {1, 16, 3, 3}, p,
                           ops::ImplicitGemmPolicy::kNever),
            ConvPath::kIm2col);
  p.stride_h = p.stride_w = 1;
  p.kernel_h = p.kernel_w = 1;
  EXPECT_EQ(ChooseConvPath({1, 8, 7, 7}, {16, 8, 1, 1}, {1, 16, 7, 7}, p,
                           ops::ImplicitGemmPolicy::kAlways),
            ConvPath::kImplicit);
  EXPECT_EQ(ChooseConvPath({1, 8, 7, 7}, {16, 8, 1, 1}, {1, 16, 7, 7}, p,
                           ops::ImplicitGemmPolicy::kNever),
            ConvPath::kPointwise);
  p = {};
  p.kernel_h = p.kernel_w = 3;
  p.group = 8;
  EXPECT_EQ(ChooseConvPath({1, 8, 9, 9}, {8, 1, 3, 3}, {1, 8, 7, 7}, p), ConvPath::kDepthwise);
  // Depth multiplier 2 and ordinary groups: the direct kernel.
  EXPECT_EQ(ChooseConvPath({1, 8, 9, 9}, {16, 1, 3, 3}, {1, 16, 7, 7}, p), ConvPath::kDirect);
  p.group = 2;
  EXPECT_EQ(ChooseConvPath({1, 8, 9, 9}, {8, 4, 3, 3}, {1, 8, 7, 7}, p), ConvPath::kDirect);
  // A patch too large for local memory falls back to the direct kernel.
  p.group = 8;
  p.kernel_h = p.kernel_w = 31;
  p.dilation_h = p.dilation_w = 4;
  EXPECT_EQ(ChooseConvPath({1, 8, 200, 200}, {8, 1, 31, 31}, {1, 8, 80, 80}, p), ConvPath::kDirect);
}

TEST(ConvPlanTest, DepthwiseTiles) {
  graph::reference::Conv2dParams p;
  p.kernel_h = p.kernel_w = 3;
  ops::DepthwiseTile t = ChooseDepthwiseTile(p, 112, 112, 1024);
  EXPECT_EQ(t.tw, 32);
  EXPECT_EQ(t.th, 8);
  EXPECT_EQ(t.ptw, 34);
  EXPECT_EQ(t.pth, 10);
  EXPECT_EQ(t.tiles, 4 * 14);
  t = ChooseDepthwiseTile(p, 7, 7, 1024);  // small planes: one 8x8 tile
  EXPECT_EQ(t.tw, 8);
  EXPECT_EQ(t.th, 8);
  EXPECT_EQ(t.tiles, 1);
  p.stride_h = p.stride_w = 2;
  p.kernel_h = p.kernel_w = 5;
  t = ChooseDepthwiseTile(p, 56, 56, 64);  // a device limit of 64 work items
  EXPECT_LE(t.th * t.tw, 64);
  EXPECT_EQ(t.ptw, (t.tw - 1) * 2 + 5);
  EXPECT_EQ(t.tiles, ((56 + t.tw - 1) / t.tw) * ((56 + t.th - 1) / t.th));
}

struct ConvCase {
  graph::Shape x, w;
  std::vector<int64_t> strides, pads, dilations;
  int64_t group;
  bool bias;
};

TEST_F(OpsTest, ConvPaths) {
  std::vector<ConvCase> cases = {
      {{1, 3, 9, 11}, {5, 3, 3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, 1, true},   // im2col
      {{2, 8, 5, 5}, {6, 8, 1, 1}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 1, true},    // pointwise
      {{1, 4, 7, 7}, {6, 2, 3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 2, true},    // groups
      {{1, 6, 10, 10}, {6, 1, 3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, 6, true},  // depthwise
      {{2, 3, 12, 9}, {4, 3, 3, 2}, {1, 2}, {0, 1, 2, 0}, {2, 1}, 1, false},  // dilation
      {{1, 2, 6, 6}, {3, 2, 1, 1}, {2, 2}, {0, 0, 0, 0}, {1, 1}, 1, false},   // strided 1x1
  };
  for (const ConvCase& c : cases) {
    ModelBuilder b;
    b.AddInput("x", c.x);
    b.AddInitializer("w", c.w);
    std::vector<std::string> in{"x", "w"};
    if (c.bias) {
      b.AddInitializer("b", {c.w[0]});
      in.push_back("b");
    }
    auto* n = b.AddNode("Conv", in, {"y"});
    SetInts(n, "strides", c.strides);
    SetInts(n, "pads", c.pads);
    SetInts(n, "dilations", c.dilations);
    SetInt(n, "group", c.group);
    b.AddOutput("y");
    Check(b, "Conv x" + graph::ShapeToString(c.x) + " w" + graph::ShapeToString(c.w) + " group " +
                 std::to_string(c.group));
  }
}

}  // namespace
}  // namespace campaign::runner
