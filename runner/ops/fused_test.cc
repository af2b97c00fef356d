// The fused ops (ai.campaign FusedConv / FusedGemm / FusedMatMul): OpenCL
// against the reference on random shapes, and the reference against the same
// computation written with plain ONNX ops.
#include <gtest/gtest.h>

#include <random>

#include "graph/validation.h"
#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

struct ActCase {
  std::string name;
  float alpha = 0, beta = 0;
};

const std::vector<ActCase> kActs = {{"None", 0, 0},
                                    {"Relu", 0, 0},
                                    {"Clip", 0.0f, 6.0f},
                                    {"Sigmoid", 0, 0},
                                    {"HardSigmoid", 0.2f, 0.5f},
                                    {"HardSwish", 0, 0},
                                    {"Silu", 0, 0},
                                    {"Gelu", 0, 0},
                                    {"GeluTanh", 0, 0},
                                    {"LeakyRelu", 0.1f, 0}};

void SetActivation(onnx::NodeProto* n, const ActCase& a) {
  n->set_domain("ai.campaign");
  auto* attr = n->add_attribute();
  attr->set_name("activation");
  attr->set_type(onnx::AttributeProto::STRING);
  attr->set_s(a.name);
  testing::SetFloat(n, "activation_alpha", a.alpha);
  testing::SetFloat(n, "activation_beta", a.beta);
}

// Appends the plain-ONNX equivalent of `a` reading `x`, writing `y`.
void AddPlainActivation(ModelBuilder& b, const ActCase& a, const std::string& x,
                        const std::string& y) {
  if (a.name == "None") {
    b.AddNode("Identity", {x}, {y});
  } else if (a.name == "Clip") {
    b.AddInitializer("lo", {}, {a.alpha});
    b.AddInitializer("hi", {}, {a.beta});
    b.AddNode("Clip", {x, "lo", "hi"}, {y});
  } else if (a.name == "HardSigmoid" || a.name == "LeakyRelu") {
    auto* n = b.AddNode(a.name, {x}, {y});
    testing::SetFloat(n, "alpha", a.alpha);
    if (a.name == "HardSigmoid") testing::SetFloat(n, "beta", a.beta);
  } else if (a.name == "Silu") {
    b.AddNode("Sigmoid", {x}, {"sig"});
    b.AddNode("Mul", {x, "sig"}, {y});
  } else if (a.name == "Gelu" || a.name == "GeluTanh") {
    testing::AddGeluPattern(b, x, y, a.name == "GeluTanh");
  } else {
    b.AddNode(a.name, {x}, {y});
  }
}

std::vector<HostTensor> Reference(const onnx::ModelProto& m) {
  auto ex = Executor::Create(m);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  if (!ex.ok()) return {};
  auto out = (*ex)->RunReference((*ex)->MakeRandomInputs(42));
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::vector<HostTensor>{};
}

// The fused model vs the plain one on the reference, then device vs reference.
void CheckBoth(ModelBuilder& fused, ModelBuilder& plain, const std::string& what) {
  SCOPED_TRACE(what);
  std::vector<HostTensor> f = Reference(fused.model()), p = Reference(plain.model());
  ASSERT_EQ(f.size(), 1u);
  ASSERT_EQ(p.size(), 1u);
  ASSERT_EQ(f[0].shape(), p[0].shape());
  Validation v = CompareOutputs(f, p, 1e-5);
  EXPECT_TRUE(v.passed) << what << ": fused reference vs plain ONNX, norm_rel_error "
                        << v.norm_rel_error;
  testing::ExpectDeviceMatchesReference(fused.model(), what);
}

TEST(FusedOpsTest, FusedConvEveryActivation) {
  std::mt19937 rng(3);
  for (const ActCase& a : kActs) {
    const int64_t n = 1 + rng() % 2, c = 2 + rng() % 3, m = 3 + rng() % 4, hw = 5 + rng() % 4;
    const int64_t group = a.name == "Relu" ? c : 1;  // one depthwise case
    const int64_t mo = group == 1 ? m : c;
    ModelBuilder fused, plain;
    for (ModelBuilder* b : {&fused, &plain}) {
      b->AddInput("x", {n, c, hw, hw});
      b->AddInitializer("w", {mo, c / group, 3, 3});
      b->AddInitializer("bias", {mo});
    }
    auto* f = fused.AddNode("FusedConv", {"x", "w", "bias"}, {"y"});
    auto* p = plain.AddNode("Conv", {"x", "w", "bias"}, {"conv"});
    for (auto* node : {f, p}) {
      testing::SetInts(node, "pads", {1, 1, 1, 1});
      testing::SetInt(node, "group", group);
    }
    SetActivation(f, a);
    AddPlainActivation(plain, a, "conv", "y");
    fused.AddOutput("y");
    plain.AddOutput("y");
    CheckBoth(fused, plain,
              "FusedConv " + a.name + " x[" + std::to_string(n) + "," + std::to_string(c) + "," +
                  std::to_string(hw) + "] group " + std::to_string(group));
  }
}

TEST(FusedOpsTest, FusedGemm) {
  for (const ActCase& a : {kActs[1], kActs[2], kActs[7]}) {
    ModelBuilder fused, plain;
    for (ModelBuilder* b : {&fused, &plain}) {
      b->AddInput("a", {3, 17});
      b->AddInitializer("b", {9, 17});
      b->AddInitializer("c", {9});
    }
    auto* f = fused.AddNode("FusedGemm", {"a", "b", "c"}, {"y"});
    auto* p = plain.AddNode("Gemm", {"a", "b", "c"}, {"g"});
    for (auto* node : {f, p}) testing::SetInt(node, "transB", 1);
    SetActivation(f, a);
    AddPlainActivation(plain, a, "g", "y");
    fused.AddOutput("y");
    plain.AddOutput("y");
    CheckBoth(fused, plain, "FusedGemm " + a.name);
  }
}

TEST(FusedOpsTest, FusedMatMulWithBias3d) {
  for (const ActCase& a : {kActs[0], kActs[7]}) {
    ModelBuilder fused, plain;
    for (ModelBuilder* b : {&fused, &plain}) {
      b->AddInput("a", {2, 5, 12});
      b->AddInitializer("b", {12, 7});
      b->AddInitializer("bias", {7});
    }
    auto* f = fused.AddNode("FusedMatMul", {"a", "b", "bias"}, {"y"});
    SetActivation(f, a);
    plain.AddNode("MatMul", {"a", "b"}, {"mm"});
    plain.AddNode("Add", {"mm", "bias"}, {"mb"});
    AddPlainActivation(plain, a, "mb", "y");
    fused.AddOutput("y");
    plain.AddOutput("y");
    CheckBoth(fused, plain, "FusedMatMul+bias " + a.name);
  }
}

TEST(FusedOpsTest, ResidualInputBeforeTheActivation) {
  // FusedMatMul(a, b, bias, r) and FusedGemm(a, b, "", r) vs
  // act(MatMul/Gemm + bias + r); the residual may have another shape with
  // the same element count.
  for (const ActCase& a : {kActs[0], kActs[1]}) {
    for (bool gemm : {false, true}) {
      ModelBuilder fused, plain;
      const Shape as = gemm ? Shape{6, 12} : Shape{2, 3, 12};
      for (ModelBuilder* b : {&fused, &plain}) {
        b->AddInput("a", as);
        b->AddInput("r", {2, 3, 7});
        b->AddInitializer("b", {12, 7});
        b->AddInitializer("bias", {7});
      }
      onnx::NodeProto* f = gemm ? fused.AddNode("FusedGemm", {"a", "b", "", "r"}, {"y"})
                                : fused.AddNode("FusedMatMul", {"a", "b", "bias", "r"}, {"y"});
      SetActivation(f, a);
      plain.AddInt64Initializer("shape",
                                gemm ? std::vector<int64_t>{6, 7} : std::vector<int64_t>{2, 3, 7});
      plain.AddNode("Reshape", {"r", "shape"}, {"rr"});
      plain.AddNode(gemm ? "Gemm" : "MatMul", {"a", "b"}, {"mm"});
      plain.AddNode(gemm ? "Identity" : "Add",
                    gemm ? std::vector<std::string>{"mm"} : std::vector<std::string>{"mm", "bias"},
                    {"mb"});
      plain.AddNode("Add", {"mb", "rr"}, {"mr"});
      AddPlainActivation(plain, a, "mr", "y");
      fused.AddOutput("y");
      plain.AddOutput("y");
      CheckBoth(fused, plain,
                std::string(gemm ? "FusedGemm" : "FusedMatMul") + "+residual " + a.name);
    }
  }
}

TEST(FusedOpsTest, UnknownActivationIsUnsupported) {
  ModelBuilder b;
  b.AddInput("a", {2, 3});
  b.AddInitializer("b", {3, 4});
  auto* n = b.AddNode("FusedGemm", {"a", "b"}, {"y"});
  SetActivation(n, {"Swish2", 0, 0});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp);
  EXPECT_NE(ex.status().message().find("Swish2"), std::string::npos);
}

}  // namespace
}  // namespace campaign::runner
