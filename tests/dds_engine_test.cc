// Data-dependent shapes end to end in process: a model whose NonZero output
// has no static shape in ONNX (x [N,5] -> Greater 0 -> NonZero -> Transpose
// -> GatherND of x -> Relu) converted by Convert() and run by the executor on
// the OpenCL device against the reference, for inputs whose positive count
// differs (each re-plans the tail; repeats reuse it).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/ops/registry.h"
#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign {
namespace {

namespace tm = converter::testing;

onnx::ModelProto PositivesModel() {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "5"});
  tm::AddInitializer(g, "zero", {}, 0.0f);
  tm::AddNode(g, "Greater", {"x", "zero"}, {"positive"});
  tm::AddNode(g, "NonZero", {"positive"}, {"nz"});
  auto& t = tm::AddNode(g, "Transpose", {"nz"}, {"where"});
  auto* perm = t.add_attribute();
  perm->set_name("perm");
  perm->set_type(onnx::AttributeProto::INTS);
  perm->add_ints(1);
  perm->add_ints(0);
  tm::AddNode(g, "GatherND", {"x", "where"}, {"values"});
  tm::AddNode(g, "Relu", {"values"}, {"y"});
  tm::AddOutput(g, "y", {"K"});
  return m;
}

TEST(DataDependentEngineTest, NonZeroTransposeGatherConvertsAndRuns) {
  tm::TempDir dir;
  ConvertRequest req;
  req.model_path = tm::WriteModel(PositivesModel(), dir / "m.onnx");
  req.batch = 3;
  req.supported_ops = graph::SupportedOpTypes();
  req.output_path = dir / "engine.onnx";
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  auto engine = converter::LoadModel(req.output_path);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();

  runner::cl::Runtime* rt = runner::testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  auto ex = runner::Executor::Create(engine->model);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  // Planned for the upper bound: every element positive.
  ASSERT_EQ((*ex)->outputs()[0].shape, (graph::Shape{15}));
  ASSERT_TRUE((*ex)->PrepareDevice(*rt).ok());
  for (uint32_t seed : {1u, 2u, 3u, 1u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto inputs = (*ex)->MakeRandomInputs(seed);
    if (seed == 3) {  // none positive
      for (float& v : inputs[0].values<float>()) v = -1;
    }
    std::vector<runner::HostTensor> got;
    Status st = (*ex)->Run(inputs, &got);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto ref = (*ex)->RunReference(inputs);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    int64_t positives = 0;
    for (float v : inputs[0].values<float>()) positives += v > 0;
    ASSERT_EQ(got[0].shape(), (graph::Shape{positives}));
    ASSERT_EQ((*ref)[0].shape(), (graph::Shape{positives}));
    EXPECT_EQ(std::memcmp(got[0].raw(), (*ref)[0].raw(), got[0].bytes()), 0);
  }
}

}  // namespace
}  // namespace campaign
