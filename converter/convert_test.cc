#include "converter/convert.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>

#include "common/engine_format.h"
#include "common/file_util.h"
#include "common/sha256.h"
#include "converter/engine_metadata.h"
#include "converter/model_io.h"
#include "converter/test_models.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;
using converter::testing::TempDir;
namespace tm = converter::testing;

using Shape = std::vector<int64_t>;

onnx::ModelProto LoadEngine(const fs::path& path) {
  auto loaded = converter::LoadModel(path);
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  return loaded.ok() ? loaded->model : onnx::ModelProto();
}

std::map<std::string, Shape> Shapes(
    const google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>& list) {
  std::map<std::string, Shape> shapes;
  for (const auto& v : list) {
    Shape s;
    for (const auto& d : v.type().tensor_type().shape().dim()) {
      s.push_back(d.has_dim_value() ? d.dim_value() : -1);
    }
    shapes[v.name()] = s;
  }
  return shapes;
}

class ConvertTest : public ::testing::Test {
 protected:
  ConvertRequest Request(const onnx::ModelProto& model, int batch = 4) {
    ConvertRequest req;
    req.model_path = tm::WriteModel(model, dir_ / "model.onnx");
    req.batch = batch;
    req.output_path = dir_ / "engine.onnx";
    return req;
  }
  TempDir dir_;
};

TEST_F(ConvertTest, FixesBatchAndWritesStaticEngine) {
  ConvertRequest req = Request(tm::ConvModel(), 4);
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();

  EXPECT_EQ(report->nodes_before, 4);
  EXPECT_EQ(report->nodes_after, 2);  // Identity removed, Relu fused into the Conv
  EXPECT_EQ(report->input_shapes.at("input"), (Shape{4, 3, 8, 8}));
  EXPECT_EQ(report->output_shapes.at("output"), (Shape{4, 256}));
  EXPECT_EQ(report->passes, (std::vector<std::string>{
                                "load", "inline_functions", "lower_opset", "check", "fix_shapes",
                                "control_flow", "opset", "infer_shapes", "cleanup", "fold_shapes",
                                "verify_static", "simplify", "precision", "write"}));
  ASSERT_EQ(report->pass_nodes.size(), 1u);
  EXPECT_EQ(report->pass_nodes[0], (PassNodeCount{"fuse_activation", 3, 2, 1}));

  onnx::ModelProto engine = LoadEngine(req.output_path);
  const auto& g = engine.graph();
  EXPECT_EQ(Shapes(g.input()).at("input"), (Shape{4, 3, 8, 8}));
  EXPECT_EQ(Shapes(g.output()).at("output"), (Shape{4, 256}));
  EXPECT_EQ(Shapes(g.value_info()), (std::map<std::string, Shape>{{"relu_out", {4, 4, 8, 8}}}));
  ASSERT_EQ(g.node_size(), 2);
  EXPECT_EQ(g.node(0).domain(), "ai.campaign");
  EXPECT_EQ(g.node(0).op_type(), "FusedConv");
  EXPECT_EQ(g.node(0).output(0), "relu_out");
}

TEST_F(ConvertTest, WritesMetadata) {
  ConvertRequest req = Request(tm::ConvModel(), 2);
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  onnx::ModelProto engine = LoadEngine(req.output_path);
  const std::string sha = *Sha256File(req.model_path);
  using converter::GetMetadata;
  EXPECT_EQ(report->source_sha256, sha);
  EXPECT_EQ(GetMetadata(engine, engine::kKeySourceSha256), sha);
  EXPECT_EQ(GetMetadata(engine, engine::kKeySourcePath), req.model_path.string());
  EXPECT_EQ(GetMetadata(engine, engine::kKeyBatch), "2");
  EXPECT_EQ(GetMetadata(engine, engine::kKeyPrecision), "fp32");
  EXPECT_EQ(GetMetadata(engine, engine::kKeyConverterVersion),
            std::string(engine::kConverterVersion));
  EXPECT_EQ(GetMetadata(engine, engine::kKeyPasses),
            "load,inline_functions,lower_opset,check,fix_shapes,control_flow,opset,infer_shapes,"
            "cleanup,fold_shapes,verify_static,"
            "simplify,"
            "precision,write");
  EXPECT_EQ(GetMetadata(engine, engine::kKeyPassNodeCounts), "fuse_activation:3->2");
  bool campaign_opset = false;
  for (const auto& op : engine.opset_import()) {
    campaign_opset = campaign_opset || (op.domain() == "ai.campaign" && op.version() == 1);
  }
  EXPECT_TRUE(campaign_opset);
  EXPECT_EQ(GetMetadata(engine, engine::kKeyCacheKey), report->cache_key);
  EXPECT_EQ(report->cache_key, EngineCacheKey(sha, {}, 2, Precision::kFp32));
}

TEST_F(ConvertTest, AppliesOverrides) {
  ConvertRequest req = Request(tm::TwoDynamicDimsModel(), 2);
  req.overrides["input"] = {{true, 0}, {false, 3}, {false, 16}, {false, 16}};
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->input_shapes.at("input"), (Shape{2, 3, 16, 16}));
  EXPECT_EQ(report->output_shapes.at("output"), (Shape{2, 3, 16, 16}));
  EXPECT_EQ(Shapes(LoadEngine(req.output_path).graph().output()).at("output"),
            (Shape{2, 3, 16, 16}));
}

TEST_F(ConvertTest, OverrideRankMismatch) {
  ConvertRequest req = Request(tm::TwoDynamicDimsModel());
  req.overrides["input"] = {{true, 0}, {false, 3}, {false, 16}};
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidArgument);
  EXPECT_NE(report.status().message().find("'input' has rank 3"), std::string::npos)
      << report.status().message();
  EXPECT_NE(report.status().message().find("has rank 4"), std::string::npos);
  EXPECT_FALSE(fs::exists(req.output_path));
}

TEST_F(ConvertTest, OverrideNamingMissingInput) {
  ConvertRequest req = Request(tm::TwoDynamicDimsModel());
  req.overrides["images"] = {{true, 0}, {false, 3}, {false, 16}, {false, 16}};
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidArgument);
  EXPECT_NE(report.status().message().find("'images'"), std::string::npos);
  EXPECT_NE(report.status().message().find("its inputs are: input"), std::string::npos)
      << report.status().message();
}

TEST_F(ConvertTest, DynamicDimLeftNamesTensorDimAndFix) {
  ConvertRequest req = Request(tm::TwoDynamicDimsModel());
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kDynamicShape);
  const std::string msg = report.status().message();
  EXPECT_NE(msg.find("graph input 'input' [4,3,H,8]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("dimension 2 ('H')"), std::string::npos) << msg;
  EXPECT_NE(msg.find("`inputs: {input: [N, 3, <size of H>, 8]}`"), std::string::npos) << msg;
}

// A data-dependent output (and what is computed from it) may stay dynamic:
// the runner plans it for an upper bound (graph/plan.h); a dynamic tensor
// elsewhere is still refused.
TEST_F(ConvertTest, DataDependentShapeMayStayDynamic) {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "4"});
  tm::AddNode(g, "NonZero", {"x"}, {"nz"});
  tm::AddNode(g, "Neg", {"nz"}, {"y"});
  tm::AddOutput(g, "y", {"2", "K"});
  m.mutable_graph()->mutable_output(0)->mutable_type()->mutable_tensor_type()->set_elem_type(
      onnx::TensorProto::INT64);
  Result<ConvertReport> report = Convert(Request(m));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::map<std::string, Shape> outputs = Shapes(LoadEngine(dir_ / "engine.onnx").graph().output());
  EXPECT_EQ(outputs["y"], (Shape{2, -1}));
}

TEST_F(ConvertTest, UnsupportedOpsAllNamed) {
  ConvertRequest req = Request(tm::UnsupportedOpsModel());
  req.supported_ops = {"Conv", "Gemm", "Relu"};
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kUnsupportedOp);
  EXPECT_EQ(report.status().message(),
            "unsupported operators: RandomNormalLike (2), Softplus (1); the runner supports: Conv, "
            "Gemm, Relu");
  EXPECT_FALSE(fs::exists(req.output_path));
}

// x [N, 6] split into sequence elements of 2 columns, the middle one taken
// and the rest concatenated: the "control_flow" pass leaves plain tensor ops.
TEST_F(ConvertTest, LowersSequencesToTensors) {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "6"});
  auto* two = g.add_initializer();
  two->set_name("two");
  two->set_data_type(onnx::TensorProto::INT64);
  two->add_int64_data(2);
  auto* one = g.add_initializer();
  one->set_name("one");
  one->set_data_type(onnx::TensorProto::INT64);
  one->add_int64_data(1);
  auto& split = tm::AddNode(g, "SplitToSequence", {"x", "two"}, {"s"});
  auto* axis = split.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(1);
  tm::AddNode(g, "SequenceAt", {"s", "one"}, {"mid"});
  tm::AddNode(g, "SequenceErase", {"s", "one"}, {"rest"});
  auto& concat = tm::AddNode(g, "ConcatFromSequence", {"rest"}, {"ends"});
  *concat.add_attribute() = *axis;
  tm::AddOutput(g, "mid", {"N", "2"});
  tm::AddOutput(g, "ends", {"N", "4"});
  ConvertRequest req = Request(m, 3);
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->output_shapes.at("mid"), (Shape{3, 2}));
  EXPECT_EQ(report->output_shapes.at("ends"), (Shape{3, 4}));
  onnx::ModelProto engine = LoadEngine(req.output_path);
  for (const auto& n : engine.graph().node()) {
    EXPECT_EQ(n.op_type().find("Sequence"), std::string::npos) << n.op_type();
  }
}

// Ops with full shape inference: found by the supported_ops pass itself.
TEST_F(ConvertTest, UnsupportedOpsAfterCleanup) {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "4"});
  tm::AddNode(g, "Erf", {"x"}, {"a"});
  tm::AddNode(g, "Identity", {"a"}, {"b"});
  tm::AddNode(g, "Erf", {"b"}, {"c"});
  tm::AddNode(g, "Relu", {"c"}, {"y"});
  tm::AddOutput(g, "y", {"N", "4"});
  ConvertRequest req = Request(m);
  req.supported_ops = {"Relu"};
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kUnsupportedOp);
  EXPECT_EQ(report.status().message(), "unsupported operators: Erf (2); the runner supports: Relu");
}

TEST_F(ConvertTest, SupportedOpsPassWhenAllKnown) {
  ConvertRequest req = Request(tm::ConvModel());
  req.supported_ops = {"Conv", "Relu", "Flatten"};
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto simplify = std::find(report->passes.begin(), report->passes.end(), "simplify");
  ASSERT_NE(simplify, report->passes.end());
  ASSERT_NE(simplify + 1, report->passes.end());
  EXPECT_EQ(*(simplify + 1), "supported_ops");
  // The runner named lacks the fused ops, so the converter made none.
  EXPECT_EQ(report->nodes_after, 3);
}

// Issue 15: a Pad the converter cannot fold (reflect, before AveragePool)
// and a BatchNormalization after a Concat used to end as unsupported_op.
TEST_F(ConvertTest, KeepsUnfoldablePadAndBatchNormalization) {
  ConvertRequest req = Request(tm::PadPoolConcatBatchNormModel(), 2);
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  onnx::ModelProto engine = LoadEngine(req.output_path);
  std::map<std::string, int> ops;
  for (const auto& n : engine.graph().node()) ++ops[n.op_type()];
  EXPECT_EQ(ops["Pad"], 1);
  EXPECT_EQ(ops["BatchNormalization"], 1);
  EXPECT_EQ(Shapes(engine.graph().output()).at("output"), (Shape{2, 8, 8, 8}));
}

TEST_F(ConvertTest, MissingFile) {
  ConvertRequest req;
  req.model_path = dir_ / "nope.onnx";
  req.output_path = dir_ / "engine.onnx";
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kNotFound);
  EXPECT_NE(report.status().message().find("nope.onnx"), std::string::npos);
}

TEST_F(ConvertTest, CorruptFile) {
  std::mt19937 rng(42);
  std::string bytes(4096, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  ConvertRequest req = Request(tm::ConvModel());
  ASSERT_TRUE(WriteFileAtomic(req.model_path, bytes).ok());
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(report.status().message().find("model.onnx is not an ONNX model"), std::string::npos)
      << report.status().message();
}

TEST_F(ConvertTest, EmptyFile) {
  ConvertRequest req = Request(tm::ConvModel());
  ASSERT_TRUE(WriteFileAtomic(req.model_path, "").ok());
  Result<ConvertReport> report = Convert(req);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(report.status().message().find("empty"), std::string::npos);
}

TEST_F(ConvertTest, CheckerFailure) {
  onnx::ModelProto m = tm::ConvModel();
  m.mutable_graph()->mutable_node(1)->set_input(0, "ghost");
  Result<ConvertReport> report = Convert(Request(m));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(report.status().message().find("fails the ONNX checker"), std::string::npos);
  EXPECT_NE(report.status().message().find("ghost"), std::string::npos)
      << report.status().message();
}

TEST_F(ConvertTest, BadBatch) {
  Result<ConvertReport> report = Convert(Request(tm::ConvModel(), 0));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), Reason::kInvalidArgument);
  EXPECT_EQ(report.status().message(), "batch must be at least 1, got 0");
}

// W stored in a side file: inlined into the engine; missing file named.
TEST_F(ConvertTest, ExternalData) {
  onnx::ModelProto m = tm::ConvModel();
  onnx::TensorProto* w = m.mutable_graph()->mutable_initializer(0);
  ASSERT_EQ(w->name(), "W");
  std::string raw(reinterpret_cast<const char*>(w->float_data().data()),
                  w->float_data_size() * sizeof(float));
  w->clear_float_data();
  w->set_data_location(onnx::TensorProto::EXTERNAL);
  auto* loc = w->add_external_data();
  loc->set_key("location");
  loc->set_value("weights.bin");
  ConvertRequest req = Request(m);

  Result<ConvertReport> missing = Convert(req);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(missing.status().message().find("weights.bin"), std::string::npos);

  ASSERT_TRUE(WriteFileAtomic(dir_ / "weights.bin", raw).ok());
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  onnx::ModelProto engine = LoadEngine(req.output_path);
  const onnx::TensorProto& inlined = engine.graph().initializer(0);
  EXPECT_EQ(inlined.data_location(), onnx::TensorProto::DEFAULT);
  EXPECT_EQ(inlined.raw_data(), raw);
}

}  // namespace
}  // namespace campaign
