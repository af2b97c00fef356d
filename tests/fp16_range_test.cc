// The fp16 range check: nodes whose values do not fit half stay float32, so
// models whose activations shrink below (or grow beyond) half's range still
// give fp16 engines that match the fp32 engine. Real conversions, real runs
// on the OpenCL device (PoCL here) against the fp32 engine's CPU reference.
#include "converter/fp16_range.h"

#include <gtest/gtest.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>

#include "common/engine_format.h"
#include "converter/convert.h"
#include "converter/engine_metadata.h"
#include "converter/model_io.h"
#include "converter/passes/fp16_pass.h"
#include "converter/precision_pass.h"
#include "converter/test_models.h"
#include "graph/ops/registry.h"
#include "runner/job.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;
namespace tm = converter::testing;

// x [N,16] -> Mul(scale[0]) -> Mul(scale[1]) -> ... -> y, nodes m0, m1, ...
// (tensors t0, t1, ...; the last one is y).
onnx::ModelProto ScaleChain(const std::vector<float>& scales) {
  onnx::ModelProto m = tm::NewModel();
  onnx::GraphProto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "16"});
  std::string in = "x";
  for (size_t i = 0; i < scales.size(); ++i) {
    const std::string s = "s" + std::to_string(i);
    const std::string out = i + 1 == scales.size() ? "y" : "t" + std::to_string(i);
    tm::AddInitializer(g, s, {1}, scales[i]);
    tm::AddNode(g, "Mul", {in, s}, {out}).set_name("m" + std::to_string(i));
    in = out;
  }
  tm::AddOutput(g, "y", {"N", "16"});
  return m;
}

// Activations 3e-2 .. 3e-8 and back: half flushes 3e-8 to zero and keeps
// 3e-5 with a few bits less.
onnx::ModelProto TinyMiddle() {
  return ScaleChain({0.03f, 0.001f, 0.001f, 1000.0f, 1000.0f, 33.0f});
}
// Activations up to 1e6: half overflows to inf above 65504.
onnx::ModelProto HugeMiddle() { return ScaleChain({100.0f, 100.0f, 100.0f, 0.01f, 0.01f, 0.01f}); }

class Fp16RangeTest : public ::testing::Test {
 protected:
  fs::path Engine(const onnx::ModelProto& model, const std::string& name, Precision precision) {
    ConvertRequest req;
    req.model_path = tm::WriteModel(model, dir_ / (name + ".onnx"));
    req.batch = 2;  // the range check runs on the batch-1 copy
    req.precision = precision;
    req.supported_ops = graph::SupportedOpTypes();
    req.output_path = dir_ / (name + "." + std::string(PrecisionName(precision)) + ".onnx");
    auto report = Convert(req);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return req.output_path;
  }
  // The fp16 engine as it would be without the range check, from the fp32 engine.
  fs::path UncheckedFp16(const fs::path& fp32, const std::string& name) {
    auto loaded = converter::LoadModel(fp32);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    onnx::ModelProto m = loaded->model;
    auto r = converter::ConvertToFp16(m);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r->fp32_nodes.empty());
    converter::SetMetadata(m, engine::kKeyPrecision, "fp16");
    return tm::WriteModel(m, dir_ / (name + ".unchecked.onnx"));
  }
  RunResult Run(const fs::path& engine, const fs::path& reference) {
    runner::JobOptions o;
    o.engine = engine;
    o.reference_engine = reference;
    o.tolerance = 1e-2;
    o.measure.warmup_ms = 0;
    o.measure.iterations = 1;
    o.profile.iterations = 0;
    o.profile.trace_iterations = 0;
    return runner::RunJob(o);
  }
  std::string Fp32Nodes(const fs::path& engine) {
    auto loaded = converter::LoadModel(engine);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return converter::GetMetadata(loaded->model, engine::kKeyFp32Nodes).value_or("?");
  }
  // Converts `model` to fp32 and fp16; expects the nodes `kept` (and only
  // them) in float32 for range, the fp16 engine to pass 1e-2 against the
  // fp32 engine, and the unchecked fp16 engine to fail as `accuracy`.
  void Check(const onnx::ModelProto& model, const std::string& name,
             const std::vector<std::string>& kept) {
    const fs::path fp32 = Engine(model, name, Precision::kFp32);
    const fs::path fp16 = Engine(model, name, Precision::kFp16);
    const std::string nodes = Fp32Nodes(fp16);
    for (const auto& n : kept) EXPECT_NE(nodes.find(n + " (max|"), std::string::npos) << nodes;
    EXPECT_EQ(std::count(nodes.begin(), nodes.end(), ',') + 1, static_cast<long>(kept.size()))
        << nodes;

    RunResult checked = Run(fp16, fp32);
    if (!checked.ok && checked.reason == Reason::kDeviceError) GTEST_SKIP() << checked.message;
    ASSERT_TRUE(checked.ok) << checked.message;
    EXPECT_TRUE(checked.validation.passed);
    EXPECT_LT(checked.validation.norm_rel_error, 1e-2);

    RunResult unchecked = Run(UncheckedFp16(fp32, name), fp32);
    EXPECT_FALSE(unchecked.ok);
    EXPECT_EQ(unchecked.reason, Reason::kAccuracy) << unchecked.message;
  }
  tm::TempDir dir_;
};

TEST_F(Fp16RangeTest, MeasuresEveryFloatActivation) {
  onnx::ModelProto m = TinyMiddle();
  tm::AddNode(*m.mutable_graph(), "Shape", {"x"}, {"shape"});  // int64: not measured
  onnx::shape_inference::InferShapes(m);
  EXPECT_EQ(converter::Fp16RangeTensors(m.graph()),
            (std::vector<std::string>{"t0", "t1", "t2", "t3", "t4", "x", "y"}));
}

TEST_F(Fp16RangeTest, TinyActivationsStayFloat32) {
  // t1 = 3e-5, t2 = 3e-8, t3 = 3e-5 (x in [-1, 1)) are below 1e-4: their
  // writers m1..m3 and m4 (reads t3) stay float32; m0 and m5 stay half.
  Check(TinyMiddle(), "tiny", {"m1", "m2", "m3", "m4"});
}

TEST_F(Fp16RangeTest, HugeActivationsStayFloat32) {
  // t2 = 1e6 > 60000: its writer m2 and its reader m3 stay float32.
  Check(HugeMiddle(), "huge", {"m2", "m3"});
}

TEST_F(Fp16RangeTest, InitializersOutOfRangeStayFloat32) {
  onnx::ModelProto m = ScaleChain({1e9f, 1e-9f});  // t0 = 1e9 too
  converter::Fp16Options options;
  options.range_check = true;  // no activation ranges: initializers only
  auto r = converter::ConvertToFp16(m, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->range_fp32_nodes.size(), 2u);
  EXPECT_EQ(r->range_fp32_nodes[0], "m0 (max|s0| 1e+09 > 6e+04)");
  EXPECT_EQ(r->range_fp32_nodes[1], "m1 (max|s1| 1e-09 < 0.0001)");
  for (const auto& t : m.graph().initializer()) {
    EXPECT_EQ(t.data_type(), onnx::TensorProto::FLOAT) << t.name();  // read by float32 nodes
  }
}

TEST_F(Fp16RangeTest, WithoutMeasurementsInitializersAreStillChecked) {
  // RandomNormalLike is not a runner op, so the reference cannot measure
  // activations: the conversion warns and goes on, checking initializers only.
  onnx::ModelProto m = ScaleChain({1e9f, 1e-9f});
  tm::AddNode(*m.mutable_graph(), "RandomNormalLike", {"y"}, {"e"});
  tm::AddOutput(*m.mutable_graph(), "e", {"1", "16"});
  m.mutable_graph()
      ->mutable_input(0)
      ->mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(0)
      ->set_dim_value(1);
  onnx::shape_inference::InferShapes(m);
  auto line = converter::ApplyPrecision(m, Precision::kFp16);
  ASSERT_TRUE(line.ok()) << line.status().ToString();
  EXPECT_NE(line->find("activation range check skipped"), std::string::npos) << *line;
  // (RandomNormalLike itself is one of the ops always kept in float32.)
  EXPECT_EQ(converter::GetMetadata(m, engine::kKeyFp32Nodes),
            "m0 (max|s0| 1e+09 > 6e+04),m1 (max|s1| 1e-09 < 0.0001),RandomNormalLike_3");
}

}  // namespace
}  // namespace campaign
