// fp16 engines end to end in process: converted by Convert(), run by the
// runner on the OpenCL device (PoCL here), validated against the fp32
// engine's CPU reference.
#include <gtest/gtest.h>
#include <onnx/checker.h>

#include "common/engine_format.h"
#include "converter/convert.h"
#include "converter/engine_metadata.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/ops/registry.h"
#include "runner/job.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;
namespace tm = converter::testing;

class Fp16EngineTest : public ::testing::Test {
 protected:
  fs::path Engine(Precision precision, int batch) {
    ConvertRequest req;
    req.model_path = tm::WriteModel(tm::ConvModel(), dir_ / "model.onnx");
    req.batch = batch;
    req.precision = precision;
    req.supported_ops = graph::SupportedOpTypes();
    req.output_path =
        dir_ / (std::string(PrecisionName(precision)) + ".b" + std::to_string(batch) + ".onnx");
    auto report = Convert(req);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return req.output_path;
  }
  runner::JobOptions Job(const fs::path& engine) {
    runner::JobOptions o;
    o.engine = engine;
    o.tolerance = 1e-2;
    o.measure.warmup_ms = 0;
    o.measure.iterations = 2;
    o.profile.iterations = 0;
    o.profile.trace_iterations = 0;
    return o;
  }
  tm::TempDir dir_;
};

TEST_F(Fp16EngineTest, EngineIsStandardOnnxWithHalfWeights) {
  const fs::path fp32 = Engine(Precision::kFp32, 2), fp16 = Engine(Precision::kFp16, 2);
  auto loaded = converter::LoadModel(fp16);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const onnx::ModelProto& m = loaded->model;
  EXPECT_NO_THROW(onnx::checker::check_model(m));
  EXPECT_EQ(converter::GetMetadata(m, engine::kKeyPrecision), "fp16");
  EXPECT_EQ(converter::GetMetadata(m, engine::kKeyFp32Nodes), "");  // nothing blocked here
  EXPECT_NE(converter::GetMetadata(m, engine::kKeyPrecisionSummary)->find("nodes in float16"),
            std::string::npos);
  int half = 0;
  for (const auto& t : m.graph().initializer()) {
    EXPECT_NE(t.data_type(), onnx::TensorProto::FLOAT) << t.name();
    if (t.data_type() != onnx::TensorProto::FLOAT16) continue;
    ++half;
    int64_t n = 1;
    for (int64_t d : t.dims()) n *= d;
    EXPECT_EQ(t.raw_data().size(), static_cast<size_t>(2 * n)) << t.name();  // 2 bytes a value
  }
  EXPECT_GE(half, 2);  // conv weight and bias
  EXPECT_EQ(m.graph().input(0).type().tensor_type().elem_type(), onnx::TensorProto::FLOAT);
  EXPECT_EQ(m.graph().output(0).type().tensor_type().elem_type(), onnx::TensorProto::FLOAT);
  // (File sizes: the e2e test and docs/converter.md; this model's weights
  // are smaller than the boundary Casts.)
  EXPECT_TRUE(fs::exists(fp32));
}

TEST_F(Fp16EngineTest, RunsOnTheDeviceAndPassesAgainstTheFp32Reference) {
  const fs::path fp32 = Engine(Precision::kFp32, 2), fp16 = Engine(Precision::kFp16, 2);
  runner::JobOptions o = Job(fp16);
  o.reference_engine = fp32;
  RunResult r = runner::RunJob(o);
  if (!r.ok && r.reason == Reason::kDeviceError) GTEST_SKIP() << r.message;
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.precision, "fp16");
  EXPECT_EQ(r.validation.reference, "fp32_engine");
  EXPECT_TRUE(r.validation.passed);
  EXPECT_GT(r.validation.norm_rel_error, 1e-6);  // half storage is not free...
  EXPECT_LT(r.validation.norm_rel_error, 1e-2);  // ...but small
  EXPECT_NE(r.compute_mode.find("fp16 storage, fp32 compute"), std::string::npos) << r.compute_mode;

  // A tolerance below the real error fails the job as an accuracy problem.
  o.tolerance = r.validation.norm_rel_error / 2;
  RunResult strict = runner::RunJob(o);
  EXPECT_FALSE(strict.ok);
  EXPECT_EQ(strict.reason, Reason::kAccuracy);
  EXPECT_NE(strict.message.find("of the fp32 engine"), std::string::npos) << strict.message;
}

TEST_F(Fp16EngineTest, ReferenceEngineMustFit) {
  const fs::path fp16 = Engine(Precision::kFp16, 2), other = Engine(Precision::kFp32, 3);
  runner::JobOptions o = Job(fp16);
  o.reference_engine = other;
  RunResult r = runner::RunJob(o);
  if (!r.ok && r.reason == Reason::kDeviceError) GTEST_SKIP() << r.message;
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.reason, Reason::kInvalidArgument);
  EXPECT_NE(r.message.find("does not fit this engine"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace campaign
