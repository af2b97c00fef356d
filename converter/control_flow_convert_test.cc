// End to end through the converter: a model with a Loop (constant trip
// count, a carried value and a scan output) and a dynamic batch converts to
// an engine without control flow, and the engine computes the loop's values
// on the reference operators.
#include <gtest/gtest.h>

#include <algorithm>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/plan.h"
#include "graph/testing/graph_proto_builder.h"
#include "graph/testing/model_builder.h"

namespace campaign {
namespace {

namespace tm = converter::testing;
using namespace graph::testing;  // NOLINT: the builders
using onnx::TensorProto;

// x [N, 2]; Loop 3 times: y = y + step; ys stacks each y -> [3, N, 2].
onnx::ModelProto LoopModel() {
  onnx::ModelProto m = EmptyModel(13);
  auto* g = m.mutable_graph();
  auto* x = DeclareTensor(g->mutable_input(), "x", TensorProto::FLOAT, {1, 2});
  x->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0)->set_dim_param("N");
  AddInt64Init(g, "M", {}, {3});
  AddFloatInit(g, "step", {2}, {1, 10});
  onnx::GraphProto body;
  body.set_name("body");
  DeclareTensor(body.mutable_input(), "iter", TensorProto::INT64);
  DeclareTensor(body.mutable_input(), "cond_in", TensorProto::BOOL);
  DeclareTensor(body.mutable_input(), "y_in", TensorProto::FLOAT);
  AddGraphNode(&body, "Identity", {"cond_in"}, {"cond_out"});
  AddGraphNode(&body, "Add", {"y_in", "step"}, {"y_out"});
  AddGraphNode(&body, "Identity", {"y_out"}, {"scan"});
  DeclareTensor(body.mutable_output(), "cond_out", TensorProto::BOOL);
  DeclareTensor(body.mutable_output(), "y_out", TensorProto::FLOAT);
  DeclareTensor(body.mutable_output(), "scan", TensorProto::FLOAT);
  SetGraphAttr(AddGraphNode(g, "Loop", {"M", "", "x"}, {"y", "ys"}, "loop"), "body", body);
  DeclareTensor(g->mutable_output(), "y", TensorProto::FLOAT);
  DeclareTensor(g->mutable_output(), "ys", TensorProto::FLOAT);
  return m;
}

TEST(ControlFlowConvertTest, LoopBecomesAStaticEngineWithoutControlFlow) {
  tm::TempDir dir;
  ConvertRequest req;
  req.model_path = tm::WriteModel(LoopModel(), dir.path() / "loop.onnx");
  req.batch = 2;
  req.output_path = dir.path() / "engine.onnx";
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_NE(std::find(report->passes.begin(), report->passes.end(), "control_flow"),
            report->passes.end());
  EXPECT_EQ(report->output_shapes.at("ys"), (std::vector<int64_t>{3, 2, 2}));

  auto engine = converter::LoadModel(req.output_path);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  for (const auto& n : engine->model.graph().node()) {
    EXPECT_TRUE(n.op_type() != "Loop" && n.op_type() != "If" && n.op_type() != "Scan")
        << n.op_type();
  }
  auto plan = graph::Plan::Create(engine->model);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  graph::HostTensor x(graph::DType::kFloat32, {2, 2});
  const std::vector<float> xs = {0, 1, 2, 3};
  std::copy(xs.begin(), xs.end(), x.values<float>().begin());
  auto out = (*plan)->RunReference({x});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 2u);
  auto y = (*out)[0].values<float>();
  EXPECT_EQ(std::vector<float>(y.begin(), y.end()), (std::vector<float>{3, 31, 5, 33}));
  auto ys = (*out)[1].values<float>();
  EXPECT_EQ(std::vector<float>(ys.begin(), ys.end()),
            (std::vector<float>{1, 11, 3, 13, 2, 21, 4, 23, 3, 31, 5, 33}));
}

}  // namespace
}  // namespace campaign
