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
using converter::testing::ModelBuilder;
using converter::testing::SetFloat;
using converter::testing::SetInts;

// x -> Pad (zero, spatial dims) -> Conv -> BatchNormalization -> Relu -> y.
onnx::ModelProto PadConvBnRelu(const graph::Shape& x, int64_t m, const graph::Shape& kernel) {
  const size_t k = kernel.size();
  ModelBuilder b;
  b.AddInput("x", x);
  std::vector<int64_t> pad(2 * x.size(), 0);
  pad[2] = 1;                     // first spatial dim, start
  pad[x.size() + 2 + k - 1] = 1;  // last spatial dim, end
  b.AddInt64Initializer("pads", pad);
  b.AddNode("Pad", {"x", "pads"}, {"xp"});
  graph::Shape w{m, x[1]};
  w.insert(w.end(), kernel.begin(), kernel.end());
  b.AddInitializer("w", w);
  b.AddInitializer("b", {m});
  auto* conv = b.AddNode("Conv", {"xp", "w", "b"}, {"c"});
  SetInts(conv, "pads", std::vector<int64_t>(2 * k, 1));
  b.AddInitializer("scale", {m}, {}, 11);
  b.AddInitializer("beta", {m}, {}, 12);
  b.AddInitializer("mean", {m}, {}, 13);
  std::vector<float> var(static_cast<size_t>(m));
  for (size_t i = 0; i < var.size(); ++i) var[i] = 0.5f + 0.25f * static_cast<float>(i);
  b.AddInitializer("var", {m}, var);
  auto* bn = b.AddNode("BatchNormalization", {"c", "scale", "beta", "mean", "var"}, {"bn"});
  SetFloat(bn, "epsilon", 1e-3f);
  b.AddNode("Relu", {"bn"}, {"y"});
  b.AddOutput("y");
  return b.model();
}

TEST(ConvNdConvertTest, Conv1dAnd3dWithBatchNormAndRelu) {
  struct Case {
    const char* what;
    graph::Shape x, kernel;
  };
  for (const Case& c : {Case{"1-D", {2, 3, 17}, {3}}, Case{"3-D", {2, 3, 5, 6, 4}, {3, 2, 3}}}) {
    SCOPED_TRACE(c.what);
    tm::TempDir dir;
    onnx::ModelProto source = PadConvBnRelu(c.x, 4, c.kernel);
    // The checker wants the output's shape: the reference's.
    const std::vector<graph::HostTensor> y = tm::Reference(source, 1);
    ASSERT_EQ(y.size(), 1u);
    auto* shape = source.mutable_graph()
                      ->mutable_output(0)
                      ->mutable_type()
                      ->mutable_tensor_type()
                      ->mutable_shape();
    for (int64_t d : y[0].shape()) shape->add_dim()->set_dim_value(d);
    ConvertRequest req;
    req.model_path = tm::WriteModel(source, dir / "model.onnx");
    req.batch = static_cast<int>(c.x[0]);
    req.output_path = dir / "engine.onnx";
    for (const auto& [key, make] : graph::ReferenceOps()) req.supported_ops.insert(key);
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
