// ai.campaign.Attention: the reference against the same computation in plain
// ONNX ops (Transpose, MatMul, Mul, Softmax), then OpenCL against the
// reference, on random shapes in the layouts the converter folds (vit's
// sequence-first heads, bert's [B, S, H, D] at batch 1, contiguous heads).
#include <gtest/gtest.h>

#include <random>

#include "graph/validation.h"
#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

struct Case {
  std::string what;
  Shape q, k, v;
  std::vector<int64_t> q_perm, k_perm, v_perm, y_perm;
};

// Adds Transpose(x, perm) -> out, or Identity when perm is empty.
void AddPerm(ModelBuilder& b, const std::string& x, const std::vector<int64_t>& perm,
             const std::string& out) {
  if (perm.empty()) {
    b.AddNode("Identity", {x}, {out});
  } else {
    testing::SetInts(b.AddNode("Transpose", {x}, {out}), "perm", perm);
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

onnx::ModelProto FusedModel(const Case& c, float scale) {
  ModelBuilder b;
  b.AddInput("q", c.q);
  b.AddInput("k", c.k);
  b.AddInput("v", c.v);
  auto* n = b.AddNode("Attention", {"q", "k", "v"}, {"y"});
  n->set_domain("ai.campaign");
  testing::SetFloat(n, "scale", scale);
  if (!c.q_perm.empty()) testing::SetInts(n, "q_perm", c.q_perm);
  if (!c.k_perm.empty()) testing::SetInts(n, "k_perm", c.k_perm);
  if (!c.v_perm.empty()) testing::SetInts(n, "v_perm", c.v_perm);
  if (!c.y_perm.empty()) testing::SetInts(n, "y_perm", c.y_perm);
  b.AddOutput("y");
  return b.model();
}

onnx::ModelProto PlainModel(const Case& c, float scale) {
  ModelBuilder b;
  b.AddInput("q", c.q);
  b.AddInput("k", c.k);
  b.AddInput("v", c.v);
  b.AddInitializer("scale", {}, {scale});
  AddPerm(b, "q", c.q_perm, "qo");
  AddPerm(b, "k", c.k_perm, "ko");
  AddPerm(b, "v", c.v_perm, "vo");
  b.AddNode("MatMul", {"qo", "ko"}, {"s"});
  b.AddNode("Mul", {"s", "scale"}, {"ss"});
  b.AddNode("Softmax", {"ss"}, {"p"});
  b.AddNode("MatMul", {"p", "vo"}, {"yo"});
  AddPerm(b, "yo", c.y_perm, "y");
  b.AddOutput("y");
  return b.model();
}

TEST(AttentionOpTest, MatchesPlainOpsAndDevice) {
  std::mt19937 rng(11);
  for (int round = 0; round < 2; ++round) {
    const int64_t s = 3 + rng() % 9, sk = 3 + rng() % 9, n = 1 + rng() % 5, d = 2 + rng() % 7;
    const int64_t dv = 2 + rng() % 5, h = 1 + rng() % 3;
    const std::vector<Case> cases = {
        {"vit-like [S, N, D] heads",
         {s, n, d},
         {s, n, d},
         {s, n, d},
         {1, 0, 2},
         {1, 2, 0},
         {1, 0, 2},
         {1, 0, 2}},
        {"bert-like [1, S, H, D]",
         {1, s, h, d},
         {1, sk, h, d},
         {1, sk, h, dv},
         {0, 2, 1, 3},
         {0, 2, 3, 1},
         {0, 2, 1, 3},
         {0, 2, 1, 3}},
        {"contiguous [2, H, S, D]", {2, h, s, d}, {2, h, d, sk}, {2, h, sk, dv}, {}, {}, {}, {}},
        {"K as [N, Sk, D], rank 3", {n, s, d}, {n, sk, d}, {n, sk, dv}, {}, {0, 2, 1}, {}, {}}};
    for (const Case& c : cases) {
      const std::string what = c.what + " q" + graph::ShapeToString(c.q) + " k" +
                               graph::ShapeToString(c.k) + " v" + graph::ShapeToString(c.v);
      SCOPED_TRACE(what);
      const float scale = 1.0f / std::sqrt(static_cast<float>(d));
      onnx::ModelProto fused = FusedModel(c, scale);
      std::vector<HostTensor> f = Reference(fused), p = Reference(PlainModel(c, scale));
      ASSERT_EQ(f.size(), 1u);
      ASSERT_EQ(p.size(), 1u);
      ASSERT_EQ(f[0].shape(), p[0].shape());
      Validation v = CompareOutputs(f, p, 1e-5);
      EXPECT_TRUE(v.passed) << "reference vs plain ONNX, norm_rel_error " << v.norm_rel_error;
      testing::ExpectDeviceMatchesReference(fused, what);
    }
  }
}

TEST(AttentionOpTest, HeadsThatNoStridedGemmCanAddressAreUnsupported) {
  // [B=2, S, H, D] viewed as [B, H, S, D]: the batch dims (B, H) do not merge
  // into one stride.
  Case c{"",           {2, 5, 3, 4}, {2, 5, 3, 4}, {2, 5, 3, 4},
         {0, 2, 1, 3}, {0, 2, 3, 1}, {0, 2, 1, 3}, {}};
  auto ex = Executor::Create(FusedModel(c, 0.5f));
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp);
  EXPECT_NE(ex.status().message().find("strided-batched"), std::string::npos);
}

TEST(AttentionOpTest, MismatchedShapesAreInvalid) {
  Case c{"", {2, 5, 4}, {2, 3, 6}, {2, 6, 3}, {}, {}, {}, {}};
  auto ex = Executor::Create(FusedModel(c, 0.5f));
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kInvalidModel);
}

}  // namespace
}  // namespace campaign::runner
