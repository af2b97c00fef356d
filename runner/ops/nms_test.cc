// NonMaxSuppression: the device class against the reference class on random
// boxes (both box encodings), with and without thresholds, constant and
// computed max_output_boxes_per_class (absent and 0 too), several inputs
// per executor; and the ONNX selection order on a hand-made case.
#include "graph/ops/nms.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "graph/reference/nms.h"
#include "runner/ops/dds_test_util.h"
#include "runner/ops/index_test_util.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using graph::testing::ModelBuilder;
using graph::testing::SetInt;
using testing::AddIntInitializer;
using testing::ExpectRunsMatch;
using testing::PreparedExecutor;

// Boxes in [0, 10) with sides in [0.5, 4): many overlap. Scores from a few
// values so that ties occur.
HostTensor RandomBoxes(int64_t b, int64_t n, bool center, std::mt19937& rng) {
  HostTensor x(DType::kFloat32, {b, n, 4});
  std::uniform_real_distribution<float> pos(0, 10), side(0.5f, 4);
  auto v = x.values<float>();
  for (int64_t i = 0; i < b * n; ++i) {
    float x0 = pos(rng), y0 = pos(rng), w = side(rng), h = side(rng);
    if (center) {
      v[i * 4] = x0, v[i * 4 + 1] = y0, v[i * 4 + 2] = w, v[i * 4 + 3] = h;
    } else if (rng() % 2) {
      v[i * 4] = y0, v[i * 4 + 1] = x0, v[i * 4 + 2] = y0 + h, v[i * 4 + 3] = x0 + w;
    } else {  // the other diagonal
      v[i * 4] = y0 + h, v[i * 4 + 1] = x0 + w, v[i * 4 + 2] = y0, v[i * 4 + 3] = x0;
    }
  }
  return x;
}

HostTensor RandomScores(int64_t b, int64_t c, int64_t n, std::mt19937& rng) {
  HostTensor x(DType::kFloat32, {b, c, n});
  for (float& s : x.values<float>()) s = static_cast<float>(rng() % 20) / 20.0f;
  return x;
}

HostTensor Scalar(float v) {
  HostTensor t(DType::kFloat32, {1});
  t.values<float>()[0] = v;
  return t;
}

TEST_F(CoverageOpsTest, NmsEveryForm) {
  int id = 0;
  for (int center = 0; center < 2; ++center) {
    for (int form = 0; form < 5; ++form) {
      // 0: all constant; 1: no score threshold; 2: max computed (input);
      // 3: max absent; 4: max 0.
      int64_t b = 1 + static_cast<int64_t>(rng_() % 2), c = 1 + static_cast<int64_t>(rng_() % 3);
      int64_t n = 1 + static_cast<int64_t>(rng_() % 12);
      int64_t max_out = 1 + static_cast<int64_t>(rng_() % 6);
      ModelBuilder m;
      m.AddInput("boxes", {b, n, 4});
      m.AddInput("scores", {b, c, n});
      std::vector<std::string> in{"boxes", "scores", "max", "iou", "score"};
      if (form == 2) {
        m.AddInput("max", {1}, onnx::TensorProto::INT64);
      } else if (form == 3) {
        in[2] = "";
      } else {
        AddIntInitializer(m, "max", {1}, {form == 4 ? 0 : max_out});
      }
      m.AddInitializer("iou", {1}, {0.3f});
      m.AddInput("score", {1});
      if (form == 1) in.pop_back();
      auto* node = m.AddNode("NonMaxSuppression", in, {"sel"});
      SetInt(node, "center_point_box", center);
      m.AddOutput("sel");
      if (form == 1) m.model().mutable_graph()->mutable_input()->RemoveLast();
      auto ex = PreparedExecutor(m.model());
      ASSERT_TRUE(ex);
      std::vector<std::vector<HostTensor>> sets;
      for (float threshold : {0.3f, 0.9f, 0.0f}) {
        std::vector<HostTensor> set{RandomBoxes(b, n, center, rng_), RandomScores(b, c, n, rng_)};
        if (form == 2) {
          HostTensor mx(DType::kInt64, {1});
          mx.values<int64_t>()[0] = max_out;
          set.push_back(mx);
        }
        if (form != 1) set.push_back(Scalar(threshold));
        sets.push_back(std::move(set));
      }
      sets.push_back(sets[0]);
      ExpectRunsMatch(*ex, sets,
                      "NMS #" + std::to_string(id++) + " center " + std::to_string(center) +
                          " form " + std::to_string(form) + " b " + std::to_string(b) + " c " +
                          std::to_string(c) + " n " + std::to_string(n));
    }
  }
}

TEST(NmsReference, SelectsByScoreThenLowerIndex) {
  // Boxes 0 and 2 overlap fully; 1 is apart. Scores tie between 0 and 2:
  // the lower index wins, 2 is suppressed.
  HostTensor boxes(DType::kFloat32, {1, 3, 4});
  std::vector<float> bv{0, 0, 1, 1, 5, 5, 6, 6, 0, 0, 1, 1};
  std::copy(bv.begin(), bv.end(), boxes.values<float>().begin());
  HostTensor scores(DType::kFloat32, {1, 1, 3});
  std::vector<float> sv{0.8f, 0.5f, 0.8f};
  std::copy(sv.begin(), sv.end(), scores.values<float>().begin());
  graph::reference::NmsParams p;
  p.max_per_class = 3;
  p.iou_threshold = 0.5f;
  HostTensor sel;
  ASSERT_TRUE(graph::reference::NonMaxSuppression(boxes, scores, p, &sel).ok());
  EXPECT_EQ(sel.shape(), (Shape{2, 3}));
  EXPECT_EQ(std::vector<int64_t>(sel.values<int64_t>().begin(), sel.values<int64_t>().end()),
            (std::vector<int64_t>{0, 0, 0, 0, 0, 1}));
}

}  // namespace
}  // namespace campaign::runner
