// 1-D and 3-D Conv -> BatchNormalization -> Relu models convert end to end
// (fold_batchnorm folds the BatchNormalization, fuse_activation makes a
// FusedConv, fold_pad leaves the Pad of a non-4-D tensor alone) and the
// engine matches the source model on the reference operators.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/passes/pass_test_util.h"
#include "converter/test_models.h"
#include "graph/ops/registry.h"
#include "graph/validation.h"

namespace campaign {
namespace {

namespace tm = converter::testing;

TEST(ConvNdConvertTest, Conv1dAnd3dWithBatchNormAndRelu) {
  struct Case {
    const char* what;
    graph::Shape x, kernel;
  };
  for (const Case& c : {Case{"1-D", {2, 3, 17}, {3}}, Case{"3-D", {2, 3, 5, 6, 4}, {3, 2, 3}}}) {
    SCOPED_TRACE(c.what);
    tm::TempDir dir;
    const onnx::ModelProto source = tm::PadConvBnReluModel(c.x, 4, c.kernel);
    ConvertRequest req;
    req.model_path = tm::WriteModel(source, dir / "model.onnx");
    req.batch = static_cast<int>(c.x[0]);
    req.output_path = dir / "engine.onnx";
    req.supported_ops = graph::SupportedOpTypes();
    Result<ConvertReport> report = Convert(req);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    auto engine = converter::LoadModel(req.output_path);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    std::map<std::string, int> ops;
    for (const auto& n : engine->model.graph().node()) ++ops[n.op_type()];
    EXPECT_EQ(ops["BatchNormalization"], 0);
    EXPECT_EQ(ops["FusedConv"], 1);
    EXPECT_EQ(ops["Relu"], 0);
    EXPECT_EQ(ops["Pad"], 1);  // fold_pad folds only 4-D tensors
    // BatchNormalization and Pad are reference ops: no lowering needed.
    for (uint32_t seed : {1u, 2u}) {
      std::vector<graph::HostTensor> want = tm::Reference(source, seed);
      std::vector<graph::HostTensor> got = tm::Reference(engine->model, seed);
      ASSERT_EQ(got.size(), 1u);
      ASSERT_EQ(want.size(), 1u);
      ASSERT_EQ(got[0].shape(), want[0].shape());
      Validation v = graph::CompareOutputs(got, want, 1e-5);
      EXPECT_TRUE(v.passed) << "norm_rel_error " << v.norm_rel_error;
    }
  }
}

}  // namespace
}  // namespace campaign
