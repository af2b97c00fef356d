// LowerControlFlow on Scan: opset 9+ axes and directions, opset 8's batched
// form, and what it refuses.
#include <gtest/gtest.h>

#include "graph/control_flow.h"
#include "graph/testing/control_flow_run.h"
#include "graph/testing/graph_proto_builder.h"
#include "graph/testing/model_builder.h"

namespace campaign::graph {
namespace {

using namespace testing;  // NOLINT: the builders
using onnx::TensorProto;

// Body: s_out = s_in + x_t; out = Identity(s_out), all float[step].
onnx::GraphProto SumBody(const std::vector<int64_t>& step) {
  onnx::GraphProto body;
  body.set_name("sum");
  DeclareTensor(body.mutable_input(), "s_in", TensorProto::FLOAT, step);
  DeclareTensor(body.mutable_input(), "x_t", TensorProto::FLOAT, step);
  AddGraphNode(&body, "Add", {"s_in", "x_t"}, {"s_out"});
  AddGraphNode(&body, "Identity", {"s_out"}, {"out"});
  DeclareTensor(body.mutable_output(), "s_out", TensorProto::FLOAT, step);
  DeclareTensor(body.mutable_output(), "out", TensorProto::FLOAT, step);
  return body;
}

TEST(ControlFlowScanTest, ScanHonoursAxesAndDirections) {
  // x [2, 3] scanned over axis 1 backwards; outputs stacked on axis -1,
  // backwards too.
  onnx::ModelProto m = EmptyModel(11);
  auto* g = m.mutable_graph();
  DeclareTensor(g->mutable_input(), "s0", TensorProto::FLOAT, {2});
  DeclareTensor(g->mutable_input(), "x", TensorProto::FLOAT, {2, 3});
  auto* n = AddGraphNode(g, "Scan", {"s0", "x"}, {"s", "outs"}, "scan");
  SetGraphAttr(n, "body", SumBody({2}));
  SetInt(n, "num_scan_inputs", 1);
  SetInts(n, "scan_input_axes", {1});
  SetInts(n, "scan_input_directions", {1});
  SetInts(n, "scan_output_axes", {-1});
  SetInts(n, "scan_output_directions", {1});
  DeclareTensor(g->mutable_output(), "s", TensorProto::FLOAT, {2});
  DeclareTensor(g->mutable_output(), "outs", TensorProto::FLOAT, {2, 3});
  auto out = LowerAndRun(m, {FloatTensor({2}, {0, 0}), FloatTensor({2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_EQ(out.size(), 2u);
  // Steps read columns 2, 1, 0: s = {3,6}, {5,11}, {6,15}; stacked backwards.
  EXPECT_EQ(Floats(out[0]), (std::vector<float>{6, 15}));
  EXPECT_EQ(out[1].shape(), (Shape{2, 3}));
  EXPECT_EQ(Floats(out[1]), (std::vector<float>{6, 5, 3, 15, 11, 6}));
}

TEST(ControlFlowScanTest, Scan8RunsOneScanPerBatchItem) {
  onnx::ModelProto m = EmptyModel(8);
  auto* g = m.mutable_graph();
  DeclareTensor(g->mutable_input(), "s0", TensorProto::FLOAT, {2, 1});
  DeclareTensor(g->mutable_input(), "x", TensorProto::FLOAT, {2, 3, 1});
  auto* n = AddGraphNode(g, "Scan", {"", "s0", "x"}, {"s", "outs"}, "scan");
  SetGraphAttr(n, "body", SumBody({1}));
  SetInt(n, "num_scan_inputs", 1);
  DeclareTensor(g->mutable_output(), "s", TensorProto::FLOAT, {2, 1});
  DeclareTensor(g->mutable_output(), "outs", TensorProto::FLOAT, {2, 3, 1});
  auto out = LowerAndRun(
      m, {FloatTensor({2, 1}, {0, 100}), FloatTensor({2, 3, 1}, {1, 2, 3, 10, 20, 30})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Floats(out[0]), (std::vector<float>{6, 160}));
  EXPECT_EQ(Floats(out[1]), (std::vector<float>{1, 3, 6, 110, 130, 160}));
}

TEST(ControlFlowScanTest, Scan8WithShorterSequenceLengthsIsRefused) {
  onnx::ModelProto m = EmptyModel(8);
  auto* g = m.mutable_graph();
  DeclareTensor(g->mutable_input(), "s0", TensorProto::FLOAT, {2, 1});
  DeclareTensor(g->mutable_input(), "x", TensorProto::FLOAT, {2, 3, 1});
  auto* lens = g->add_initializer();
  lens->set_name("lens");
  lens->set_data_type(TensorProto::INT32);
  lens->add_dims(2);
  lens->add_int32_data(3);
  lens->add_int32_data(2);
  auto* n = AddGraphNode(g, "Scan", {"lens", "s0", "x"}, {"s", "outs"}, "scan");
  SetGraphAttr(n, "body", SumBody({1}));
  SetInt(n, "num_scan_inputs", 1);
  DeclareTensor(g->mutable_output(), "s", TensorProto::FLOAT, {2, 1});
  DeclareTensor(g->mutable_output(), "outs", TensorProto::FLOAT, {2, 3, 1});
  Status st = LowerControlFlow(&m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
  EXPECT_NE(st.message().find("Scan 'scan'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("sequence_lens"), std::string::npos) << st.message();
}

TEST(ControlFlowScanTest, ScanOverADynamicAxisIsRefused) {
  onnx::ModelProto m = EmptyModel(11);
  auto* g = m.mutable_graph();
  DeclareTensor(g->mutable_input(), "s0", TensorProto::FLOAT, {2});
  auto* x = DeclareTensor(g->mutable_input(), "x", TensorProto::FLOAT, {1, 2});
  x->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(0)->set_dim_param("T");
  auto* n = AddGraphNode(g, "Scan", {"s0", "x"}, {"s", "outs"}, "scan");
  SetGraphAttr(n, "body", SumBody({2}));
  SetInt(n, "num_scan_inputs", 1);
  DeclareTensor(g->mutable_output(), "s", TensorProto::FLOAT, {2});
  Status st = LowerControlFlow(&m);
  EXPECT_EQ(st.reason(), Reason::kDynamicShape) << st.ToString();
  EXPECT_TRUE(HasControlFlow(m));
}

}  // namespace
}  // namespace campaign::graph
