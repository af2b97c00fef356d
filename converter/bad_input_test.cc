// Bad input the converter must refuse (or repair) with a clear message:
// old opsets, graphs without inputs. (Checker failures, missing external data
// and overrides naming no input: convert_test.cc.)
#include <gtest/gtest.h>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/opset_upgrade.h"
#include "converter/test_models.h"
#include "graph/plan.h"

namespace campaign::converter {
namespace {

namespace tm = testing;

class BadInputTest : public ::testing::Test {
 protected:
  Result<ConvertReport> ConvertModel(const onnx::ModelProto& m) {
    ConvertRequest req;
    req.model_path = tm::WriteModel(m, dir_.path() / "model.onnx");
    req.batch = 3;
    req.output_path = dir_.path() / "engine.onnx";
    return Convert(req);
  }
  tm::TempDir dir_;
};

void SetOpset(onnx::ModelProto& m, int64_t version) {
  m.mutable_opset_import(0)->set_version(version);
}

// x [N,4] -> Unsqueeze(axes=[1] as an attribute: opset < 13) -> Relu -> y.
onnx::ModelProto Opset11Model() {
  onnx::ModelProto m = tm::NewModel();
  SetOpset(m, 11);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "4"});
  auto& unsq = tm::AddNode(g, "Unsqueeze", {"x"}, {"u"});
  auto* axes = unsq.add_attribute();
  axes->set_name("axes");
  axes->set_type(onnx::AttributeProto::INTS);
  axes->add_ints(1);
  tm::AddNode(g, "Relu", {"u"}, {"y"});
  tm::AddOutput(g, "y", {"N", "1", "4"});
  return m;
}

TEST_F(BadInputTest, OldOpsetIsUpgradedTo13) {
  auto report = ConvertModel(Opset11Model());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto engine = LoadModel(dir_.path() / "engine.onnx");
  ASSERT_TRUE(engine.ok());
  EXPECT_EQ(DefaultOpset(engine->model), 13);
  // The upgraded Unsqueeze reads its axes from an input, and the engine runs.
  auto ex = graph::Plan::Create(engine->model);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  auto out = (*ex)->RunReference((*ex)->MakeRandomInputs(1));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].shape(), (graph::Shape{3, 1, 4}));
}

TEST_F(BadInputTest, NoDefaultOpsetIsExplained) {
  onnx::ModelProto m = Opset11Model();
  m.mutable_opset_import(0)->set_domain("com.example");
  onnx::ModelProto copy = m;
  auto r = UpgradeOpset(copy);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(r.status().message().find("no ai.onnx opset"), std::string::npos);
}

TEST_F(BadInputTest, UnconvertibleOpsetSaysWhy) {
  // ImageScaler was an experimental operator until opset 9; it has no
  // successor the version converter could map it to.
  onnx::ModelProto m = tm::NewModel();
  SetOpset(m, 8);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "2", "3", "3"});
  auto& scaler = tm::AddNode(g, "ImageScaler", {"x"}, {"y"});
  auto* scale = scaler.add_attribute();
  scale->set_name("scale");
  scale->set_type(onnx::AttributeProto::FLOAT);
  scale->set_f(2.0f);
  tm::AddOutput(g, "y", {"N", "2", "3", "3"});
  auto report = ConvertModel(m);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(report.status().message().find("opset 8, older than the converter's 13"),
            std::string::npos)
      << report.status().message();
  EXPECT_NE(report.status().message().find("without an opset-13 definition: ImageScaler"),
            std::string::npos);
  EXPECT_NE(report.status().message().find("re-export"), std::string::npos);
}

TEST_F(BadInputTest, GraphWithoutInputs) {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInitializer(g, "c", {2}, 1.0f);
  tm::AddNode(g, "Relu", {"c"}, {"y"});
  tm::AddOutput(g, "y", {"2"});
  auto report = ConvertModel(m);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(report.status().message().find("has no graph inputs"), std::string::npos)
      << report.status().message();
}

// Issue 16 item 7: huge spatial sizes are refused with the tensor and its
// element count (checked int64 arithmetic), not converted into an engine
// whose shapes the runner computes differently.
TEST_F(BadInputTest, TensorsTooLargeForTheRunnerAreRefusedWithTheirSize) {
  for (const char* h : {"536870911", "4611686018427387904"}) {
    onnx::ModelProto m = tm::NewModel();
    auto& g = *m.mutable_graph();
    tm::AddInput(g, "x", {"N", "64", h, "4"});
    tm::AddNode(g, "Relu", {"x"}, {"y"});
    tm::AddOutput(g, "y", {"N", "64", h, "4"});
    auto report = ConvertModel(m);
    ASSERT_FALSE(report.ok()) << h;
    EXPECT_EQ(report.status().reason(), Reason::kUnsupportedOp) << report.status().message();
    const std::string want = std::string(h) == "536870911"
                                 ? "has 412316859648 elements, more than the runner's limit"
                                 : "element count overflows 64-bit integers";
    EXPECT_NE(report.status().message().find(want), std::string::npos) << report.status().message();
  }
}

}  // namespace
}  // namespace campaign::converter
