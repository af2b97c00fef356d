// LowerControlFlow on If and Loop: lowered graphs run on the reference and
// match hand-computed values; forms without a static lowering are refused
// with kUnsupportedOp and leave the model unchanged.
#include "graph/control_flow.h"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <set>

#include "graph/testing/control_flow_run.h"
#include "graph/testing/graph_proto_builder.h"
#include "graph/testing/model_builder.h"

namespace campaign::graph {
namespace {

using namespace testing;  // NOLINT: the builders
using onnx::TensorProto;

int CountOps(const onnx::ModelProto& m, const std::string& op) {
  int n = 0;
  for (const auto& node : m.graph().node()) n += node.op_type() == op;
  return n;
}

// y = If(cond) then x + 1 else x * x, x float[3]; `cond` a graph input when
// `constant` is unset, else an initializer holding it.
onnx::ModelProto IfModel(std::optional<bool> constant) {
  onnx::ModelProto m = EmptyModel(13);
  auto* g = m.mutable_graph();
  DeclareTensor(g->mutable_input(), "x", TensorProto::FLOAT, {3});
  if (constant) {
    AddBoolInit(g, "cond", *constant);
  } else {
    DeclareTensor(g->mutable_input(), "cond", TensorProto::BOOL);
  }
  AddFloatInit(g, "one", {}, {1.0f});
  onnx::GraphProto then_g, else_g;
  then_g.set_name("then");
  AddGraphNode(&then_g, "Add", {"x", "one"}, {"t_out"});  // outer-scope reads
  DeclareTensor(then_g.mutable_output(), "t_out", TensorProto::FLOAT, {3});
  else_g.set_name("else");
  AddGraphNode(&else_g, "Mul", {"x", "x"}, {"e_out"});
  DeclareTensor(else_g.mutable_output(), "e_out", TensorProto::FLOAT, {3});
  auto* n = AddGraphNode(g, "If", {"cond"}, {"y"}, "pick");
  SetGraphAttr(n, "then_branch", then_g);
  SetGraphAttr(n, "else_branch", else_g);
  DeclareTensor(g->mutable_output(), "y", TensorProto::FLOAT, {3});
  return m;
}

TEST(ControlFlowTest, IfWithConstantConditionInlinesTheTakenBranch) {
  for (bool taken : {true, false}) {
    onnx::ModelProto m = IfModel(taken);
    auto out = LowerAndRun(m, {FloatTensor({3}, {1, 2, 3})});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(Floats(out[0]),
              taken ? std::vector<float>({2, 3, 4}) : std::vector<float>({1, 4, 9}));
    EXPECT_EQ(CountOps(m, "Where"), 0);
    EXPECT_EQ(CountOps(m, taken ? "Mul" : "Add"), 0);  // the other branch is not inlined
  }
}

TEST(ControlFlowTest, IfWithRuntimeConditionSelectsWithWhere) {
  onnx::ModelProto lowered = IfModel(std::nullopt);
  ASSERT_TRUE(LowerControlFlow(&lowered).ok());
  EXPECT_EQ(CountOps(lowered, "Where"), 1);
  for (bool cond : {true, false}) {
    onnx::ModelProto m = IfModel(std::nullopt);
    auto out = LowerAndRun(m, {FloatTensor({3}, {1, 2, 3}), BoolScalar(cond)});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(Floats(out[0]), cond ? std::vector<float>({2, 3, 4}) : std::vector<float>({1, 4, 9}));
  }
}

TEST(ControlFlowTest, IfWithRuntimeConditionAndBranchesOfOtherShapesIsRefused) {
  onnx::ModelProto m = IfModel(std::nullopt);
  auto* else_g = m.mutable_graph()->mutable_node(0)->mutable_attribute(1)->mutable_g();
  auto* sum = else_g->mutable_node(0);
  sum->set_op_type("ReduceSum");  // [3] -> [1]
  sum->mutable_input()->RemoveLast();
  const onnx::ModelProto before = m;
  Status st = LowerControlFlow(&m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
  EXPECT_NE(st.message().find("If 'pick'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("else-branch"), std::string::npos) << st.message();
  EXPECT_EQ(m.SerializeAsString(), before.SerializeAsString());
}

// Loop(M, cond, y0): body y = y_in + step (an outer value), scan output
// y * float(iteration). Returns the body for the tests to extend.
onnx::GraphProto* AddLoop(onnx::ModelProto& m, const std::string& trip_count,
                          const std::string& cond) {
  auto* g = m.mutable_graph();
  DeclareTensor(g->mutable_input(), "y0", TensorProto::FLOAT, {2});
  AddFloatInit(g, "step", {2}, {1, 10});
  onnx::GraphProto body;
  body.set_name("body");
  DeclareTensor(body.mutable_input(), "iter", TensorProto::INT64);
  DeclareTensor(body.mutable_input(), "cond_in", TensorProto::BOOL);
  DeclareTensor(body.mutable_input(), "y_in", TensorProto::FLOAT, {2});
  AddGraphNode(&body, "Identity", {"cond_in"}, {"cond_out"});
  AddGraphNode(&body, "Add", {"y_in", "step"}, {"y_out"});
  SetInt(AddGraphNode(&body, "Cast", {"iter"}, {"iter_f"}), "to", TensorProto::FLOAT);
  AddGraphNode(&body, "Mul", {"y_out", "iter_f"}, {"scan"});
  DeclareTensor(body.mutable_output(), "cond_out", TensorProto::BOOL);
  DeclareTensor(body.mutable_output(), "y_out", TensorProto::FLOAT, {2});
  DeclareTensor(body.mutable_output(), "scan", TensorProto::FLOAT, {2});
  auto* n = AddGraphNode(g, "Loop", {trip_count, cond, "y0"}, {"y", "ys"}, "loop");
  SetGraphAttr(n, "body", body);
  DeclareTensor(g->mutable_output(), "y", TensorProto::FLOAT, {2});
  DeclareTensor(g->mutable_output(), "ys", 0);
  return n->mutable_attribute(0)->mutable_g();
}

TEST(ControlFlowTest, LoopUnrollsCarriedValuesAndScanOutputs) {
  onnx::ModelProto m = EmptyModel(13);
  AddInt64Init(m.mutable_graph(), "M", {}, {3});
  AddLoop(m, "M", "");
  auto out = LowerAndRun(m, {FloatTensor({2}, {0, 1})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Floats(out[0]), (std::vector<float>{3, 31}));
  EXPECT_EQ(out[1].shape(), (Shape{3, 2}));
  EXPECT_EQ(Floats(out[1]), (std::vector<float>{0, 0, 2, 21, 6, 62}));
}

TEST(ControlFlowTest, LoopTripCountFromAConstantSubexpression) {
  // M = int64(ceil(5 / 2)) = 3; cond = 5 > 2: both folded on the reference.
  onnx::ModelProto m = EmptyModel(11);  // Unsqueeze with an axes attribute
  auto* g = m.mutable_graph();
  AddFloatInit(g, "a", {}, {5});
  AddFloatInit(g, "b", {}, {2});
  AddGraphNode(g, "Div", {"a", "b"}, {"q"});
  AddGraphNode(g, "Ceil", {"q"}, {"qc"});
  SetInt(AddGraphNode(g, "Cast", {"qc"}, {"M"}), "to", TensorProto::INT64);
  AddGraphNode(g, "Greater", {"a", "b"}, {"go"});
  AddLoop(m, "M", "go");
  auto out = LowerAndRun(m, {FloatTensor({2}, {0, 1})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Floats(out[0]), (std::vector<float>{3, 31}));
  EXPECT_EQ(Floats(out[1]), (std::vector<float>{0, 0, 2, 21, 6, 62}));
}

TEST(ControlFlowTest, LoopWithRuntimeTripCountIsRefused) {
  onnx::ModelProto m = EmptyModel(13);
  DeclareTensor(m.mutable_graph()->mutable_input(), "M", TensorProto::INT64);
  AddLoop(m, "M", "");
  Status st = LowerControlFlow(&m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
  EXPECT_NE(st.message().find("Loop 'loop'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("not a constant"), std::string::npos) << st.message();
  EXPECT_TRUE(HasControlFlow(m));
}

TEST(ControlFlowTest, LoopWithDataDependentExitIsRefused) {
  onnx::ModelProto m = EmptyModel(13);
  AddInt64Init(m.mutable_graph(), "M", {}, {4});
  AddFloatInit(m.mutable_graph(), "limit", {}, {50});
  onnx::GraphProto* body = AddLoop(m, "M", "");
  // cond_out = sum(y_out) < 50: depends on the graph input y0.
  auto* cond = body->mutable_node(0);
  cond->set_op_type("Less");
  cond->clear_input();
  cond->add_input("y_sum");
  cond->add_input("limit");
  auto* sum = AddGraphNode(body, "ReduceSum", {"y_out"}, {"y_sum"});
  SetInt(sum, "keepdims", 0);
  // Keep the body topologically sorted: the sum before the Less.
  body->mutable_node()->SwapElements(0, body->node_size() - 1);
  body->mutable_node()->SwapElements(1, body->node_size() - 1);
  Status st = LowerControlFlow(&m);
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
  EXPECT_NE(st.message().find("exit early"), std::string::npos) << st.message();
}

TEST(ControlFlowTest, LoopWhoseConditionFoldsFalseStopsThere) {
  // M = 5, cond_out = iter < 1: iterations 0 and 1 run, then the loop ends.
  onnx::ModelProto m = EmptyModel(13);
  AddInt64Init(m.mutable_graph(), "M", {}, {5});
  AddInt64Init(m.mutable_graph(), "one_i", {}, {1});
  onnx::GraphProto* body = AddLoop(m, "M", "");
  auto* cond = body->mutable_node(0);
  cond->set_op_type("Less");
  cond->clear_input();
  cond->add_input("iter");
  cond->add_input("one_i");
  auto out = LowerAndRun(m, {FloatTensor({2}, {0, 1})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Floats(out[0]), (std::vector<float>{2, 21}));
  EXPECT_EQ(Floats(out[1]), (std::vector<float>{0, 0, 2, 21}));
}

TEST(ControlFlowTest, LoopBeyondTheUnrollLimitIsRefused) {
  for (int64_t trips : {int64_t{5000}, std::numeric_limits<int64_t>::max()}) {
    onnx::ModelProto m = EmptyModel(13);
    AddInt64Init(m.mutable_graph(), "M", {}, {trips});
    AddLoop(m, "M", "");
    Status st = LowerControlFlow(&m);
    EXPECT_EQ(st.reason(), Reason::kUnsupportedOp) << st.ToString();
    EXPECT_NE(st.message().find("unroll limit"), std::string::npos) << st.message();
  }
}

TEST(ControlFlowTest, BeforeIr4TheNewInitializersAreGraphInputsToo) {
  onnx::ModelProto m = EmptyModel(8);
  m.set_ir_version(3);
  AddInt64Init(m.mutable_graph(), "M", {}, {2});
  DeclareTensor(m.mutable_graph()->mutable_input(), "M", TensorProto::INT64);
  AddLoop(m, "M", "");
  const int before = m.graph().initializer_size();
  auto out = LowerAndRun(m, {FloatTensor({2}, {0, 1})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(Floats(out[1]), (std::vector<float>{0, 0, 2, 21}));
  std::set<std::string> inputs;
  for (const auto& v : m.graph().input()) inputs.insert(v.name());
  ASSERT_GT(m.graph().initializer_size(), before);
  for (int i = before; i < m.graph().initializer_size(); ++i) {
    EXPECT_TRUE(inputs.count(m.graph().initializer(i).name())) << m.graph().initializer(i).name();
  }
}

TEST(ControlFlowTest, IfNestedInALoopReadsTheLoopsValues) {
  // y = 1; for i in 0..2: y = (i == 1) ? y * 2 : y + 1  ->  2, 4, 5.
  onnx::ModelProto m = EmptyModel(13);
  auto* g = m.mutable_graph();
  AddInt64Init(g, "M", {}, {3});
  AddInt64Init(g, "one_i", {}, {1});
  AddFloatInit(g, "one", {}, {1});
  AddFloatInit(g, "two", {}, {2});
  DeclareTensor(g->mutable_input(), "y0", TensorProto::FLOAT, {1});
  onnx::GraphProto then_g, else_g, body;
  AddGraphNode(&then_g, "Mul", {"y_in", "two"}, {"doubled"});
  DeclareTensor(then_g.mutable_output(), "doubled", TensorProto::FLOAT, {1});
  AddGraphNode(&else_g, "Add", {"y_in", "one"}, {"plus_one"});
  DeclareTensor(else_g.mutable_output(), "plus_one", TensorProto::FLOAT, {1});
  DeclareTensor(body.mutable_input(), "iter", TensorProto::INT64);
  DeclareTensor(body.mutable_input(), "cond_in", TensorProto::BOOL);
  DeclareTensor(body.mutable_input(), "y_in", TensorProto::FLOAT, {1});
  AddGraphNode(&body, "Identity", {"cond_in"}, {"cond_out"});
  AddGraphNode(&body, "Equal", {"iter", "one_i"}, {"is_one"});
  auto* branch = AddGraphNode(&body, "If", {"is_one"}, {"y_out"}, "branch");
  SetGraphAttr(branch, "then_branch", then_g);
  SetGraphAttr(branch, "else_branch", else_g);
  DeclareTensor(body.mutable_output(), "cond_out", TensorProto::BOOL);
  DeclareTensor(body.mutable_output(), "y_out", TensorProto::FLOAT, {1});
  SetGraphAttr(AddGraphNode(g, "Loop", {"M", "", "y0"}, {"y"}, "loop"), "body", body);
  DeclareTensor(g->mutable_output(), "y", TensorProto::FLOAT, {1});
  auto out = LowerAndRun(m, {FloatTensor({1}, {1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(Floats(out[0]), (std::vector<float>{5}));
  EXPECT_EQ(CountOps(m, "Where"), 0);  // every branch condition was a constant
}

}  // namespace
}  // namespace campaign::graph
