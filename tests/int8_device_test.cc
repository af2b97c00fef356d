// An int8 engine on OpenCL against the fp32 engine on the CPU reference
// (the converter and the runner together, in process).
#include <gtest/gtest.h>

#include "common/engine_format.h"
#include "common/testing/temp_dir.h"
#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/testing/model_builder.h"
#include "graph/validation.h"
#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::converter {
namespace {

namespace fs = std::filesystem;
using graph::HostTensor;

class Int8Test : public ::testing::Test {
 protected:
  Result<ConvertReport> ConvertTo(const onnx::ModelProto& model, Precision p, int batch,
                                  const fs::path& out) {
    ConvertRequest req;
    req.model_path =
        testing::WriteModel(testing::WithFloatOutputs(model), dir_.path() / "model.onnx");
    req.batch = batch;
    req.precision = p;
    req.output_path = out;
    return Convert(req);
  }
  onnx::ModelProto Load(const fs::path& path) {
    auto m = LoadModel(path);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? m->model : onnx::ModelProto();
  }
  testing::TempDir dir_;
};

// The int8 engine on OpenCL against the fp32 engine on the CPU reference,
// same inputs: within DefaultTolerance(Precision::kInt8), and not bit-equal (it is quantized).
TEST_F(Int8Test, Int8EngineOnDeviceIsWithinToleranceOfFp32Reference) {
  runner::cl::Runtime* rt = runner::testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  const fs::path fp32 = dir_.path() / "fp32.onnx", int8 = dir_.path() / "int8.onnx";
  ASSERT_TRUE(ConvertTo(graph::testing::TinyCnn(), Precision::kFp32, 1, fp32).ok());
  ASSERT_TRUE(ConvertTo(graph::testing::TinyCnn(), Precision::kInt8, 1, int8).ok());
  auto ref_exec = runner::Executor::Create(Load(fp32));
  auto q_exec = runner::Executor::Create(Load(int8));
  ASSERT_TRUE(ref_exec.ok() && q_exec.ok());
  ASSERT_TRUE((*q_exec)->PrepareDevice(*rt).ok());
  for (uint32_t seed : {11u, 12u}) {
    auto inputs = (*ref_exec)->MakeRandomInputs(seed);
    auto want = (*ref_exec)->RunReference(inputs);
    ASSERT_TRUE(want.ok());
    std::vector<HostTensor> got;
    ASSERT_TRUE((*q_exec)->Run(inputs, &got).ok());
    Validation v = graph::CompareOutputs(got, *want, DefaultTolerance(Precision::kInt8));
    EXPECT_TRUE(v.passed) << "norm_rel_error " << v.norm_rel_error;
    EXPECT_GT(v.norm_rel_error, 1e-5) << "int8 should differ from fp32";
  }
}

}  // namespace
}  // namespace campaign::converter
