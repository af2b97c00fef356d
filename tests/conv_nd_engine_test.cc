// 1-D and 3-D convolution engines end to end in process: a Pad + Conv +
// BatchNormalization + Relu model converted by Convert() (fp32 and fp16)
// and run by the runner on the OpenCL device against the reference.
#include <gtest/gtest.h>

#include <string>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/ops/registry.h"
#include "runner/test_util.h"

namespace campaign {
namespace {

namespace tm = converter::testing;

TEST(ConvNdEngineTest, Conv1dAnd3dEnginesRunOnTheDevice) {
  struct Case {
    const char* what;
    std::vector<int64_t> x, kernel;
  };
  for (const Case& c : {Case{"1-D", {2, 3, 17}, {3}}, Case{"3-D", {2, 3, 5, 6, 4}, {3, 2, 3}}}) {
    for (Precision precision : {Precision::kFp32, Precision::kFp16}) {
      const std::string what = std::string(c.what) + " " + std::string(PrecisionName(precision));
      SCOPED_TRACE(what);
      tm::TempDir dir;
      ConvertRequest req;
      req.model_path = tm::WriteModel(tm::PadConvBnReluModel(c.x, 4, c.kernel), dir / "m.onnx");
      req.batch = static_cast<int>(c.x[0]);
      req.precision = precision;
      req.supported_ops = graph::SupportedOpTypes();
      req.output_path = dir / "engine.onnx";
      Result<ConvertReport> report = Convert(req);
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      auto engine = converter::LoadModel(req.output_path);
      ASSERT_TRUE(engine.ok()) << engine.status().ToString();
      runner::testing::ExpectDeviceMatchesReference(engine->model, what,
                                                    precision == Precision::kFp16 ? 2e-3 : 1e-5);
    }
  }
}

}  // namespace
}  // namespace campaign
