// LowerSequences: each model is lowered, then run on the reference plan and
// compared with values computed by hand; refusals name the node and what
// would make it static.
#include "graph/sequences.h"

#include <gtest/gtest.h>

#include "graph/plan.h"
#include "graph/testing/model_builder.h"

namespace campaign::graph {
namespace {

using testing::ModelBuilder;
using testing::SetInt;

HostTensor Floats(const Shape& shape, const std::vector<float>& v) {
  HostTensor t(DType::kFloat32, shape);
  std::copy(v.begin(), v.end(), t.values<float>().begin());
  return t;
}

std::vector<float> Values(const HostTensor& t) {
  return {t.values<float>().begin(), t.values<float>().end()};
}

void AddSequenceInput(ModelBuilder& b, const std::string& name) {
  auto* v = b.model().mutable_graph()->add_input();
  v->set_name(name);
  v->mutable_type()
      ->mutable_sequence_type()
      ->mutable_elem_type()
      ->mutable_tensor_type()
      ->set_elem_type(onnx::TensorProto::FLOAT);
}

void AddSequenceOutput(ModelBuilder& b, const std::string& name) {
  auto* v = b.model().mutable_graph()->add_output();
  v->set_name(name);
  v->mutable_type()
      ->mutable_sequence_type()
      ->mutable_elem_type()
      ->mutable_tensor_type()
      ->set_elem_type(onnx::TensorProto::FLOAT);
}

void AddTypedOutput(ModelBuilder& b, const std::string& name, int32_t elem) {
  auto* v = b.model().mutable_graph()->add_output();
  v->set_name(name);
  v->mutable_type()->mutable_tensor_type()->set_elem_type(elem);
}

void AddScalarInitializer(ModelBuilder& b, const std::string& name, int64_t v) {
  auto* t = b.model().mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  t->add_int64_data(v);
}

struct Lowered {
  onnx::ModelProto model;
  std::unique_ptr<Plan> plan;
  std::vector<HostTensor> outputs;
};

// Lowers `b`'s model and runs it on `inputs`.
void LowerAndRun(ModelBuilder& b, const SequenceShapes& known, const std::vector<HostTensor>& in,
                 Lowered* out) {
  out->model = b.model();
  Status st = LowerSequences(&out->model, known);
  ASSERT_TRUE(st.ok()) << st.ToString();
  for (const auto& n : out->model.graph().node()) {
    EXPECT_TRUE(n.op_type().rfind("Sequence", 0) != 0 && n.op_type().rfind("Optional", 0) != 0)
        << n.op_type() << " left after lowering";
  }
  auto plan = Plan::Create(out->model);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  out->plan = std::move(plan).value();
  auto got = out->plan->RunReference(in);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  out->outputs = std::move(got).value();
}

std::vector<std::string> OutputNames(const onnx::ModelProto& m) {
  std::vector<std::string> names;
  for (const auto& v : m.graph().output()) names.push_back(v.name());
  return names;
}

// s = [c, a, b] (construct, insert at 0), erase the last -> [c, a];
// y = s[1] = a, n = length 2; the insert position folds from Sub(1, 1).
TEST(SequencesTest, ConstructInsertEraseAtLength) {
  ModelBuilder b;
  b.AddInput("a", {2});
  b.AddInput("b", {3});
  b.AddInput("c", {1});
  AddScalarInitializer(b, "one", 1);
  AddScalarInitializer(b, "last", -1);
  b.AddNode("Sub", {"one", "one"}, {"zero"});
  b.AddNode("SequenceConstruct", {"a", "b"}, {"s1"});
  b.AddNode("SequenceInsert", {"s1", "c", "zero"}, {"s2"});
  b.AddNode("SequenceErase", {"s2", "last"}, {"s3"});
  b.AddNode("SequenceAt", {"s3", "one"}, {"y"});
  b.AddNode("SequenceLength", {"s3"}, {"n"});
  b.AddNode("SequenceAt", {"s3", "zero"}, {"first"});
  b.AddOutput("y");
  AddTypedOutput(b, "n", onnx::TensorProto::INT64);
  b.AddOutput("first");
  Lowered l;
  LowerAndRun(b, {}, {Floats({2}, {1, 2}), Floats({3}, {3, 4, 5}), Floats({1}, {6})}, &l);
  ASSERT_EQ(l.outputs.size(), 3u);
  EXPECT_EQ(Values(l.outputs[0]), (std::vector<float>{1, 2}));
  EXPECT_EQ(l.outputs[1].values<int64_t>()[0], 2);
  EXPECT_EQ(l.outputs[1].rank(), 0);
  EXPECT_EQ(Values(l.outputs[2]), (std::vector<float>{6}));
}

// x [2, 3] split along axis 1 without split sizes: three [2, 1] pieces, or
// three [2] with keepdims=0; the sequence output becomes y.0 .. y.2.
TEST(SequencesTest, SplitToSequenceWithoutSplitAndKeepdims) {
  for (int keepdims : {1, 0}) {
    ModelBuilder b;
    b.AddInput("x", {2, 3});
    auto* n = b.AddNode("SplitToSequence", {"x"}, {"y"});
    SetInt(n, "axis", -1);
    SetInt(n, "keepdims", keepdims);
    AddSequenceOutput(b, "y");
    Lowered l;
    LowerAndRun(b, {}, {Floats({2, 3}, {1, 2, 3, 4, 5, 6})}, &l);
    EXPECT_EQ(OutputNames(l.model), (std::vector<std::string>{"y.0", "y.1", "y.2"}));
    ASSERT_EQ(l.outputs.size(), 3u);
    EXPECT_EQ(l.outputs[1].shape(), keepdims ? (Shape{2, 1}) : (Shape{2}));
    EXPECT_EQ(Values(l.outputs[0]), (std::vector<float>{1, 4}));
    EXPECT_EQ(Values(l.outputs[2]), (std::vector<float>{3, 6}));
  }
}

// x [5] split by a scalar 2 -> [2, 2, 1] pieces, by [1, 4] -> two pieces;
// ConcatFromSequence puts them back together.
TEST(SequencesTest, SplitToSequenceWithSplitAndConcat) {
  ModelBuilder b;
  b.AddInput("x", {5});
  AddScalarInitializer(b, "two", 2);
  b.AddInt64Initializer("sizes", {1, 4});
  b.AddNode("SplitToSequence", {"x", "two"}, {"s"});
  b.AddNode("SplitToSequence", {"x", "sizes"}, {"t"});
  b.AddNode("SequenceLength", {"s"}, {"ns"});
  AddScalarInitializer(b, "minus_one", -1);
  b.AddNode("SequenceAt", {"s", "minus_one"}, {"tail"});
  SetInt(b.AddNode("ConcatFromSequence", {"t"}, {"joined"}), "axis", 0);
  AddTypedOutput(b, "ns", onnx::TensorProto::INT64);
  b.AddOutput("tail");
  b.AddOutput("joined");
  AddSequenceOutput(b, "t");
  Lowered l;
  LowerAndRun(b, {}, {Floats({5}, {1, 2, 3, 4, 5})}, &l);
  ASSERT_EQ(l.outputs.size(), 5u);
  EXPECT_EQ(l.outputs[0].values<int64_t>()[0], 3);
  EXPECT_EQ(Values(l.outputs[1]), (std::vector<float>{5}));
  EXPECT_EQ(Values(l.outputs[2]), (std::vector<float>{1, 2, 3, 4, 5}));
  EXPECT_EQ(Values(l.outputs[3]), (std::vector<float>{1}));
  EXPECT_EQ(Values(l.outputs[4]), (std::vector<float>{2, 3, 4, 5}));
}

// [a, b] of [2] with new_axis=1 on axis -1: [[a0, b0], [a1, b1]].
TEST(SequencesTest, ConcatFromSequenceNewAxis) {
  ModelBuilder b;
  b.AddInput("a", {2});
  b.AddInput("b", {2});
  b.AddNode("SequenceConstruct", {"a", "b"}, {"s"});
  auto* n = b.AddNode("ConcatFromSequence", {"s"}, {"y"});
  SetInt(n, "axis", -1);
  SetInt(n, "new_axis", 1);
  b.AddOutput("y");
  Lowered l;
  LowerAndRun(b, {}, {Floats({2}, {1, 2}), Floats({2}, {3, 4})}, &l);
  ASSERT_EQ(l.outputs.size(), 1u);
  EXPECT_EQ(l.outputs[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(Values(l.outputs[0]), (std::vector<float>{1, 3, 2, 4}));
}

// A sequence input of two elements ([2] and [3]) plus a tensor t [1]: the
// body Add(in0, in1) is inlined per element, t passed to each step; the
// sequence input becomes x.0, x.1 and the output y.0, y.1.
TEST(SequencesTest, SequenceMapInlinesTheBodyPerElement) {
  ModelBuilder b;
  AddSequenceInput(b, "x");
  b.AddInput("t", {1});
  auto* n = b.AddNode("SequenceMap", {"x", "t"}, {"y"});
  auto* a = n->add_attribute();
  a->set_name("body");
  a->set_type(onnx::AttributeProto::GRAPH);
  onnx::GraphProto* body = a->mutable_g();
  body->set_name("body");
  for (const char* in : {"in0", "in1"}) {
    auto* v = body->add_input();
    v->set_name(in);
    v->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  }
  auto* add = body->add_node();
  add->set_op_type("Add");
  add->add_input("in0");
  add->add_input("in1");
  add->add_output("out0");
  body->add_output()->set_name("out0");
  AddSequenceOutput(b, "y");
  SequenceShapes known;
  known["x"] = SequenceInput{true, true, DType::kFloat32, {{2}, {3}}};
  Lowered l;
  LowerAndRun(b, known, {Floats({2}, {1, 2}), Floats({3}, {3, 4, 5}), Floats({1}, {10})}, &l);
  std::vector<std::string> inputs;
  for (const auto& v : l.model.graph().input()) inputs.push_back(v.name());
  EXPECT_EQ(inputs, (std::vector<std::string>{"x.0", "x.1", "t"}));
  EXPECT_EQ(OutputNames(l.model), (std::vector<std::string>{"y.0", "y.1"}));
  ASSERT_EQ(l.outputs.size(), 2u);
  EXPECT_EQ(Values(l.outputs[0]), (std::vector<float>{11, 12}));
  EXPECT_EQ(Values(l.outputs[1]), (std::vector<float>{13, 14, 15}));
}

// Optional(a) holds a; Optional() with a type is empty; an empty optional
// graph input is statically absent; an optional sequence input passes
// through Identity to an output o.0, o.1.
TEST(SequencesTest, Optionals) {
  ModelBuilder b;
  b.AddInput("a", {2});
  for (const char* name : {"none", "opt_seq"}) {
    auto* v = b.model().mutable_graph()->add_input();
    v->set_name(name);
    auto* inner = v->mutable_type()->mutable_optional_type()->mutable_elem_type();
    if (std::string(name) == "none") {
      inner->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    } else {
      inner->mutable_sequence_type()->mutable_elem_type()->mutable_tensor_type()->set_elem_type(
          onnx::TensorProto::FLOAT);
    }
  }
  b.AddNode("Optional", {"a"}, {"oa"});
  auto* empty = b.AddNode("Optional", {}, {"oe"});
  auto* type = empty->add_attribute();
  type->set_name("type");
  type->set_type(onnx::AttributeProto::TYPE_PROTO);
  type->mutable_tp()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  b.AddNode("OptionalHasElement", {"oa"}, {"has_a"});
  b.AddNode("OptionalHasElement", {"oe"}, {"has_e"});
  b.AddNode("OptionalHasElement", {"none"}, {"has_none"});
  b.AddNode("OptionalGetElement", {"oa"}, {"got"});
  b.AddNode("Identity", {"opt_seq"}, {"o"});
  for (const char* out : {"has_a", "has_e", "has_none"}) AddTypedOutput(b, out, 9);
  b.AddOutput("got");
  auto* o = b.model().mutable_graph()->add_output();
  *o = b.model().graph().input(2);
  o->set_name("o");
  SequenceShapes known;
  known["none"] = SequenceInput{false, false, DType::kFloat32, {}};
  known["opt_seq"] = SequenceInput{true, true, DType::kFloat32, {{1}, {1}}};
  Lowered l;
  LowerAndRun(b, known, {Floats({2}, {1, 2}), Floats({1}, {7}), Floats({1}, {8})}, &l);
  EXPECT_EQ(OutputNames(l.model),
            (std::vector<std::string>{"has_a", "has_e", "has_none", "got", "o.0", "o.1"}));
  ASSERT_EQ(l.outputs.size(), 6u);
  EXPECT_EQ(l.outputs[0].values<uint8_t>()[0], 1);
  EXPECT_EQ(l.outputs[1].values<uint8_t>()[0], 0);
  EXPECT_EQ(l.outputs[2].values<uint8_t>()[0], 0);
  EXPECT_EQ(Values(l.outputs[3]), (std::vector<float>{1, 2}));
  EXPECT_EQ(Values(l.outputs[4]), (std::vector<float>{7}));
  EXPECT_EQ(Values(l.outputs[5]), (std::vector<float>{8}));
}

// Before opset 13 Split and Squeeze take their sizes/axes as attributes.
TEST(SequencesTest, Opset12UsesAttributeForms) {
  ModelBuilder b;
  b.model().mutable_opset_import(0)->set_version(12);
  b.AddInput("x", {2, 2});
  auto* n = b.AddNode("SplitToSequence", {"x"}, {"s"});
  SetInt(n, "keepdims", 0);
  AddSequenceOutput(b, "s");
  Lowered l;
  LowerAndRun(b, {}, {Floats({2, 2}, {1, 2, 3, 4})}, &l);
  for (const auto& node : l.model.graph().node()) {
    if (node.op_type() == "Split" || node.op_type() == "Squeeze") {
      EXPECT_EQ(node.input_size(), 1) << node.op_type();
    }
  }
  ASSERT_EQ(l.outputs.size(), 2u);
  EXPECT_EQ(Values(l.outputs[1]), (std::vector<float>{3, 4}));
}

TEST(SequencesTest, NothingToDoLeavesTheModel) {
  ModelBuilder b;
  b.AddInput("x", {2});
  b.AddNode("Identity", {"x"}, {"y"});
  b.AddOutput("y");
  EXPECT_FALSE(HasSequences(b.model()));
  onnx::ModelProto m = b.model();
  ASSERT_TRUE(LowerSequences(&m, {}).ok());
  EXPECT_EQ(m.SerializeAsString(), b.model().SerializeAsString());
}

TEST(SequencesTest, RunTimePositionIsRefusedNamingTheNode) {
  ModelBuilder b;
  b.AddInput("a", {2});
  b.AddInput("p", {1}, onnx::TensorProto::INT64);
  b.AddNode("SequenceConstruct", {"a", "a"}, {"s"});
  b.AddNode("SequenceAt", {"s", "p"}, {"y"})->set_name("pick");
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  Status st = LowerSequences(&m, {});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp);
  EXPECT_NE(st.message().find("SequenceAt 'pick'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("must be a constant"), std::string::npos) << st.message();
}

TEST(SequencesTest, SequenceInputOfUnknownLengthIsRefused) {
  ModelBuilder b;
  AddSequenceInput(b, "x");
  b.AddNode("SequenceLength", {"x"}, {"n"});
  AddTypedOutput(b, "n", onnx::TensorProto::INT64);
  onnx::ModelProto m = b.model();
  Status st = LowerSequences(&m, {});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp);
  EXPECT_NE(st.message().find("'x'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("known length"), std::string::npos) << st.message();
}

TEST(SequencesTest, OtherOperatorsReadingASequenceAreRefused) {
  ModelBuilder b;
  b.AddInput("a", {2});
  b.AddNode("SequenceConstruct", {"a"}, {"s"});
  b.AddNode("Relu", {"s"}, {"y"})->set_name("bad");
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  Status st = LowerSequences(&m, {});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp);
  EXPECT_NE(st.message().find("Relu 'bad'"), std::string::npos) << st.message();
}

// An optional computed at run time (by an operator the lowering does not
// know, like If) is not assumed present.
TEST(SequencesTest, RunTimeOptionalIsNotAssumedPresent) {
  ModelBuilder b;
  b.AddInput("a", {2});
  auto* foo = b.AddNode("Foo", {"a"}, {"o"});
  foo->set_domain("custom");
  b.AddNode("OptionalHasElement", {"o"}, {"has"})->set_name("has");
  AddTypedOutput(b, "has", onnx::TensorProto::BOOL);
  onnx::ModelProto m = b.model();
  Status st = LowerSequences(&m, {});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp);
  EXPECT_NE(st.message().find("OptionalHasElement 'has'"), std::string::npos) << st.message();
}

// keep_unlowered: a node that reads a sequence and cannot be lowered (here
// an unknown custom op; in practice Loop/If before unrolling) is kept, the
// sequence rebuilt for it; what can be lowered still is (the length).
TEST(SequencesTest, KeepUnloweredRebuildsWhatKeptNodesRead) {
  ModelBuilder b;
  b.AddInput("a", {2});
  b.AddInput("b", {2});
  b.AddNode("SequenceConstruct", {"a", "b"}, {"s"});
  b.AddNode("SequenceLength", {"s"}, {"n"});
  b.AddNode("Foo", {"s"}, {"t"})->set_domain("custom");
  AddScalarInitializer(b, "zero", 0);
  b.AddNode("SequenceAt", {"t", "zero"}, {"y"});
  AddTypedOutput(b, "n", onnx::TensorProto::INT64);
  b.AddOutput("y");
  onnx::ModelProto strict = b.model();
  Status st = LowerSequences(&strict, {});
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("Foo '"), std::string::npos) << st.message();

  onnx::ModelProto m = b.model();
  LowerOptions keep;
  keep.keep_unlowered = true;
  st = LowerSequences(&m, {}, keep);
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::vector<std::string> ops;
  for (const auto& n : m.graph().node()) ops.push_back(n.op_type());
  EXPECT_EQ(ops, (std::vector<std::string>{"Constant", "SequenceConstruct", "Foo", "SequenceAt"}));
  EXPECT_EQ(m.graph().node(1).output(0), "s");
  EXPECT_EQ(m.graph().node(1).input_size(), 2);
}

TEST(SequencesTest, ConcatOfAnEmptySequenceIsRefused) {
  ModelBuilder b;
  b.AddInput("a", {2});
  b.AddNode("SequenceEmpty", {}, {"s"});
  SetInt(b.AddNode("ConcatFromSequence", {"s"}, {"y"}), "axis", 0);
  b.AddOutput("y");
  onnx::ModelProto m = b.model();
  Status st = LowerSequences(&m, {});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), Reason::kUnsupportedOp);
  EXPECT_NE(st.message().find("empty sequence"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace campaign::graph
