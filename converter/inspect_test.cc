#include "converter/inspect.h"

#include <gtest/gtest.h>

#include "common/engine_format.h"
#include "converter/convert.h"
#include "converter/test_models.h"
#include "graph/ops/registry.h"

namespace campaign::converter {
namespace {

namespace tm = testing;

TEST(InspectTest, ModelShapesHistogramParametersFlops) {
  tm::TempDir dir;
  auto path = tm::WriteModel(tm::ConvModel(), dir.path() / "m.onnx");
  auto r = Inspect(path, 2, graph::SupportedOpTypes());
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

  auto r8 = Inspect(path, 8, graph::SupportedOpTypes());
  ASSERT_TRUE(r8.ok());
  EXPECT_DOUBLE_EQ(r8->flops, 4 * r->flops);
}

TEST(InspectTest, NamesUnsupportedOperators) {
  tm::TempDir dir;
  auto path = tm::WriteModel(tm::UnsupportedOpsModel(), dir.path() / "m.onnx");
  auto r = Inspect(path, 1, graph::SupportedOpTypes());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->unsupported_ops, (std::map<std::string, int>{{"RandomNormalLike", 2}}));
  EXPECT_NE(FormatInspectReport(*r).find("NOT supported: RandomNormalLike (x2)"),
            std::string::npos);
}

TEST(InspectTest, EngineShowsFusedOpsAndMetadata) {
  tm::TempDir dir;
  ConvertRequest req;
  req.model_path = tm::WriteModel(tm::ConvModel(), dir.path() / "m.onnx");
  req.batch = 2;
  req.output_path = dir.path() / "e.onnx";
  req.supported_ops = graph::SupportedOpTypes();
  ASSERT_TRUE(Convert(req).ok());
  auto r = Inspect(req.output_path, 1, graph::SupportedOpTypes());
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

// q, k, v [N, 6, 4] -> vit-style attention written out in plain ops.
onnx::ModelProto AttentionModel() {
  onnx::ModelProto m = tm::NewModel();
  onnx::GraphProto& g = *m.mutable_graph();
  for (const char* in : {"q", "k", "v"}) tm::AddInput(g, in, {"N", "6", "4"});
  tm::AddOutput(g, "y", {"N", "6", "4"});
  tm::AddInitializer(g, "c", {}, 2.0f);
  auto perm = [](onnx::NodeProto& n, std::vector<int64_t> p) {
    auto* a = n.add_attribute();
    a->set_name("perm");
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t x : p) a->add_ints(x);
  };
  perm(tm::AddNode(g, "Transpose", {"q"}, {"qt"}), {1, 0, 2});
  tm::AddNode(g, "Div", {"qt", "c"}, {"qs"});
  perm(tm::AddNode(g, "Transpose", {"k"}, {"kt"}), {1, 2, 0});
  tm::AddNode(g, "MatMul", {"qs", "kt"}, {"s"});
  tm::AddNode(g, "Softmax", {"s"}, {"p"});
  perm(tm::AddNode(g, "Transpose", {"v"}, {"vt"}), {1, 0, 2});
  tm::AddNode(g, "MatMul", {"p", "vt"}, {"o"});
  perm(tm::AddNode(g, "Transpose", {"o"}, {"y"}), {1, 0, 2});
  return m;
}

TEST(InspectTest, AttentionFlopsSurviveFusion) {
  tm::TempDir dir;
  ConvertRequest req;
  req.model_path = tm::WriteModel(AttentionModel(), dir.path() / "m.onnx");
  req.batch = 7;
  req.output_path = dir.path() / "e.onnx";
  req.supported_ops = graph::SupportedOpTypes();
  ASSERT_TRUE(Convert(req).ok());
  // Two batched products over 6 heads of [7, 4] x [4, 7] and [7, 7] x [7, 4].
  const double flops = 2.0 * 6 * 7 * 7 * (4 + 4);
  auto model = Inspect(req.model_path, 7, graph::SupportedOpTypes());
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_DOUBLE_EQ(model->flops, flops);
  auto engine = Inspect(req.output_path, 7, graph::SupportedOpTypes());
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_EQ(engine->op_histogram, (std::map<std::string, int>{{"ai.campaign.Attention", 1}}));
  EXPECT_DOUBLE_EQ(engine->flops, flops);
  EXPECT_TRUE(engine->flops_note.empty()) << engine->flops_note;
}

TEST(InspectTest, LayerEntriesParse) {
  LayerEntry e = ParseLayerEntry("/blocks/conv (FusedConv: accuracy: sensitivity 0.0181)");
  EXPECT_EQ(e.name, "/blocks/conv");
  EXPECT_EQ(e.op_type, "FusedConv");
  EXPECT_EQ(e.why, "accuracy: sensitivity 0.0181");
  e = ParseLayerEntry("pool (GlobalAveragePool)");
  EXPECT_EQ(e.name, "pool");
  EXPECT_EQ(e.op_type, "GlobalAveragePool");
  EXPECT_EQ(e.why, "");
  e = ParseLayerEntry("odd");
  EXPECT_EQ(e.name, "odd");
  EXPECT_EQ(e.op_type, "");
}

// An int8 engine's layer lists: counts and a histogram, the reasoned
// entries in full; --layers prints every entry on its own line.
TEST(InspectTest, Int8LayerListsAreSummarisedUnlessAskedInFull) {
  InspectReport r;
  r.is_engine = true;
  r.metadata[std::string(engine::kKeyInt8Quantized)] = "c1 (FusedConv);c2 (FusedConv);fc (Gemm)";
  r.metadata[std::string(engine::kKeyInt8Fp32Layers)] =
      "pool (GlobalAveragePool);c3 (Conv: accuracy: sensitivity 0.02);attn (MatMul: weight is "
      "computed)";
  const std::string brief = FormatInspectReport(r);
  EXPECT_NE(brief.find("quantized_layers = 3 nodes: FusedConv=2 Gemm=1\n"), std::string::npos)
      << brief;
  EXPECT_NE(brief.find("fp32_layers = 3 nodes: Conv=1 GlobalAveragePool=1 MatMul=1; 2 with a "
                       "reason:\n      c3 (Conv: accuracy: sensitivity 0.02)\n      attn (MatMul: "
                       "weight is computed)\n"),
            std::string::npos)
      << brief;
  EXPECT_EQ(brief.find("c1 (FusedConv)"), std::string::npos) << brief;
  EXPECT_NE(brief.find("campaign inspect --layers"), std::string::npos);
  const std::string full = FormatInspectReport(r, true);
  EXPECT_NE(full.find("quantized_layers =\n      c1 (FusedConv)\n      c2 (FusedConv)\n      fc "
                      "(Gemm)\n"),
            std::string::npos)
      << full;
}

TEST(InspectTest, MissingFileIsNotFound) {
  auto r = Inspect("/nonexistent/model.onnx", 1, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), Reason::kNotFound);
}

}  // namespace
}  // namespace campaign::converter
