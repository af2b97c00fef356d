// Old-opset models: upgraded after the input overrides fix their shapes, so
// version adapters that need shapes (Softmax 12 -> 13) work on models
// exported with dynamic H/W, and the old semantics are kept.
#include "converter/opset_upgrade.h"

#include <gtest/gtest.h>

#include <cmath>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/plan.h"

namespace campaign::converter {
namespace {

namespace tm = testing;

// input [N, 3, H, W] -> Conv(4x3x3x3, pads 1) -> Softmax(axis 1) at opset 9,
// where Softmax coerces its input to 2-D [N, C*H*W].
onnx::ModelProto Opset9DynamicHW() {
  onnx::ModelProto m = tm::NewModel();
  m.mutable_opset_import(0)->set_version(9);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "input", {"N", "3", "H", "W"});
  tm::AddInitializer(g, "w", {4, 3, 3, 3}, 0.1f);
  auto& conv = tm::AddNode(g, "Conv", {"input", "w"}, {"c"});
  auto* pads = conv.add_attribute();
  pads->set_name("pads");
  pads->set_type(onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  auto& softmax = tm::AddNode(g, "Softmax", {"c"}, {"output"});
  auto* axis = softmax.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(1);
  tm::AddOutput(g, "output", {"N", "4", "H", "W"});
  return m;
}

class OpsetUpgradeTest : public ::testing::Test {
 protected:
  ConvertRequest Request(const onnx::ModelProto& model) {
    ConvertRequest req;
    req.model_path = tm::WriteModel(model, dir_.path() / "model.onnx");
    req.batch = 2;
    req.output_path = dir_.path() / "engine.onnx";
    return req;
  }
  tm::TempDir dir_;
};

TEST_F(OpsetUpgradeTest, Opset9DynamicHWConvertsWithOverridesAndKeepsSoftmaxSemantics) {
  ConvertRequest req = Request(Opset9DynamicHW());
  req.overrides["input"] = {{true, 0}, {false, 3}, {false, 6}, {false, 5}};
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->output_shapes.at("output"), (std::vector<int64_t>{2, 4, 6, 5}));
  auto engine = LoadModel(req.output_path);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_EQ(DefaultOpset(engine->model), kTargetOpset);
  auto plan = graph::Plan::Create(engine->model);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  auto out = (*plan)->RunReference((*plan)->MakeRandomInputs(3));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // Opset 9: one softmax over all C*H*W values of each batch item (opset 13's
  // axis-1 softmax would make every (h, w) position sum to 1 instead).
  const auto values = (*out)[0].values<float>();
  const size_t per_item = 4 * 6 * 5;
  for (size_t n = 0; n < 2; ++n) {
    double sum = 0;
    for (size_t i = 0; i < per_item; ++i) sum += values[n * per_item + i];
    EXPECT_NEAR(sum, 1.0, 1e-4) << "batch item " << n;
  }
}

TEST_F(OpsetUpgradeTest, DynamicHWWithoutOverridesSaysWhichInputToFix) {
  Result<ConvertReport> report = Convert(Request(Opset9DynamicHW()));
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("'input'"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(report.status().reason(), Reason::kDynamicShape);
  EXPECT_NE(report.status().message().find("inputs: {input: [N, 3, <size of H>, <size of W>]}"),
            std::string::npos)
      << report.status().message();
}

// x [N, 3, 4] -> PRelu(slope [3]) at `opset`: before opset 7 the slope is
// per channel (axis 1).
onnx::ModelProto OldPRelu(int64_t opset) {
  onnx::ModelProto m = tm::NewModel();
  m.mutable_opset_import(0)->set_version(opset);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3", "4"});
  auto* slope = g.add_initializer();
  slope->set_name("slope");
  slope->set_data_type(onnx::TensorProto::FLOAT);
  slope->add_dims(3);
  for (float v : {0.5f, 2.0f, -1.0f}) slope->add_float_data(v);
  tm::AddNode(g, "PRelu", {"x", "slope"}, {"y"});
  tm::AddOutput(g, "y", {"N", "3", "4"});
  return m;
}

TEST_F(OpsetUpgradeTest, OldPReluSlopeIsPerChannel) {
  for (int64_t opset : {6, 8}) {
    SCOPED_TRACE("opset " + std::to_string(opset));
    ConvertRequest req = Request(OldPRelu(opset));
    Result<ConvertReport> report = Convert(req);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    auto engine = LoadModel(req.output_path);
    ASSERT_TRUE(engine.ok());
    auto plan = graph::Plan::Create(engine->model);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    graph::HostTensor x(graph::DType::kFloat32, {2, 3, 4});
    for (float& v : x.values<float>()) v = -1.0f;
    std::vector<graph::HostTensor> inputs;
    inputs.push_back(std::move(x));
    auto y = (*plan)->RunReference(inputs);
    ASSERT_TRUE(y.ok()) << y.status().ToString();
    const auto v = (*y)[0].values<float>();
    const float slope[] = {0.5f, 2.0f, -1.0f};
    for (int n = 0; n < 2; ++n) {
      for (int c = 0; c < 3; ++c) {
        for (int i = 0; i < 4; ++i) {
          EXPECT_FLOAT_EQ(v[(n * 3 + c) * 4 + i], -slope[c]) << n << "," << c << "," << i;
        }
      }
    }
  }
}

}  // namespace
}  // namespace campaign::converter
