#include "converter/inspect.h"

#include <gtest/gtest.h>

#include "common/engine_format.h"
#include "converter/convert.h"
#include "converter/test_models.h"
#include "runner/ops/supported_ops.h"

namespace campaign::converter {
namespace {

namespace tm = testing;

TEST(InspectTest, ModelShapesHistogramParametersFlops) {
  tm::TempDir dir;
  auto path = tm::WriteModel(tm::ConvModel(), dir.path() / "m.onnx");
  auto r = Inspect(path, 2, runner::SupportedOpTypes());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->is_engine);
  ASSERT_EQ(r->inputs.size(), 1u);
  EXPECT_EQ(r->inputs[0].dims, (std::vector<std::string>{"N", "3", "8", "8"}));
  EXPECT_TRUE(r->inputs[0].dynamic);
  EXPECT_EQ(r->opsets.at(""), 13);
  EXPECT_EQ(r->op_histogram, (std::map<std::string, int>{
                                 {"Conv", 1}, {"Flatten", 1}, {"Identity", 1}, {"Relu", 1}}));
  EXPECT_EQ(r->parameters, 4 * 3 * 3 * 3 + 4);
  // Conv [2,4,8,8] output, 3x3x3 window: 2 * 512 * 27.
  EXPECT_DOUBLE_EQ(r->flops, 2.0 * 512 * 27);
  EXPECT_TRUE(r->unsupported_ops.empty());
  const std::string text = FormatInspectReport(*r);
  EXPECT_NE(text.find("input FLOAT [N,3,8,8]  (dynamic)"), std::string::npos) << text;
  EXPECT_NE(text.find("all operators supported"), std::string::npos) << text;
  EXPECT_NE(text.find("FLOPs at batch 2: 27648 (Conv, Gemm, MatMul"), std::string::npos) << text;

  auto r8 = Inspect(path, 8, runner::SupportedOpTypes());
  ASSERT_TRUE(r8.ok());
  EXPECT_DOUBLE_EQ(r8->flops, 4 * r->flops);
}

TEST(InspectTest, NamesUnsupportedOperators) {
  tm::TempDir dir;
  auto path = tm::WriteModel(tm::UnsupportedOpsModel(), dir.path() / "m.onnx");
  auto r = Inspect(path, 1, runner::SupportedOpTypes());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unsupported_ops, (std::map<std::string, int>{{"Einsum", 2}}));
  EXPECT_NE(FormatInspectReport(*r).find("NOT supported: Einsum (x2)"), std::string::npos);
}

TEST(InspectTest, EngineShowsFusedOpsAndMetadata) {
  tm::TempDir dir;
  ConvertRequest req;
  req.model_path = tm::WriteModel(tm::ConvModel(), dir.path() / "m.onnx");
  req.batch = 2;
  req.output_path = dir.path() / "e.onnx";
  req.supported_ops = runner::SupportedOpTypes();
  ASSERT_TRUE(Convert(req).ok());
  auto r = Inspect(req.output_path, 1, runner::SupportedOpTypes());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->is_engine);
  EXPECT_EQ(r->batch, 2);
  EXPECT_EQ(r->op_histogram.at("ai.campaign.FusedConv"), 1);
  EXPECT_DOUBLE_EQ(r->flops, 2.0 * 512 * 27);
  EXPECT_EQ(r->flops_by_op.at("ai.campaign.FusedConv"), r->flops);
  EXPECT_EQ(r->metadata.at(std::string(engine::kKeyBatch)), "2");
  EXPECT_NE(r->metadata.at(std::string(engine::kKeyPassNodeCounts)).find("fuse_activation:"),
            std::string::npos);
  EXPECT_TRUE(r->unsupported_ops.empty());
}

TEST(InspectTest, MissingFileIsNotFound) {
  auto r = Inspect("/nonexistent/model.onnx", 1, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), Reason::kNotFound);
}

}  // namespace
}  // namespace campaign::converter
