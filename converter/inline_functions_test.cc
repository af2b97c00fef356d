// Model-local functions (PyTorch 2.1-2.4's dynamo exporter): a model whose
// nodes call functions converts, and its engine computes what the same
// model written out flat computes.
#include "converter/inline_functions.h"

#include <google/protobuf/unknown_field_set.h>
#include <gtest/gtest.h>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"
#include "graph/plan.h"

namespace campaign::converter {
namespace {

namespace tm = testing;
using graph::HostTensor;

onnx::FunctionProto& AddFunction(onnx::ModelProto& m, const std::string& name,
                                 const std::vector<std::string>& inputs,
                                 const std::vector<std::string>& outputs, int64_t opset = 13) {
  onnx::FunctionProto& f = *m.add_functions();
  f.set_domain("pkg.test");
  f.set_name(name);
  for (const auto& i : inputs) f.add_input(i);
  for (const auto& o : outputs) f.add_output(o);
  auto* imp = f.add_opset_import();
  imp->set_domain("");
  imp->set_version(opset);
  return f;
}

onnx::NodeProto& AddBodyNode(onnx::FunctionProto& f, const std::string& op,
                             const std::vector<std::string>& inputs,
                             const std::vector<std::string>& outputs,
                             const std::string& domain = "") {
  onnx::NodeProto& n = *f.add_node();
  n.set_op_type(op);
  n.set_domain(domain);
  for (const auto& i : inputs) n.add_input(i);
  for (const auto& o : outputs) n.add_output(o);
  return n;
}

onnx::NodeProto& Call(onnx::GraphProto& g, const std::string& fn,
                      const std::vector<std::string>& inputs,
                      const std::vector<std::string>& outputs, const std::string& name) {
  onnx::NodeProto& n = tm::AddNode(g, fn, inputs, outputs);
  n.set_domain("pkg.test");
  n.set_name(name);
  return n;
}

void ImportTestDomain(onnx::ModelProto& m) {
  auto* imp = m.add_opset_import();
  imp->set_domain("pkg.test");
  imp->set_version(1);
}

class InlineFunctionsTest : public ::testing::Test {
 protected:
  std::vector<HostTensor> Run(const onnx::ModelProto& model, const std::string& name,
                              std::vector<HostTensor> inputs) {
    tm::ConvertedRun run = tm::ConvertAndRun(model, dir_.path(), name, 2, std::move(inputs));
    EXPECT_EQ(run.engine.functions_size(), 0);
    return std::move(run.outputs);
  }

  Status ConvertError(const onnx::ModelProto& model) {
    return tm::ConvertStatus(model, dir_.path(), "bad", 2);
  }

  static HostTensor Ramp(const graph::Shape& shape) {
    HostTensor x(graph::DType::kFloat32, shape);
    auto v = x.values<float>();
    for (size_t i = 0; i < v.size(); ++i) v[i] = -2.0f + 0.37f * static_cast<float>(i % 11);
    return x;
  }

  tm::TempDir dir_;
};

// Block(x) = Act(Act(x) + x), Act(x) = Relu(x) * 0.5 -- a function calling a
// function, called twice in a row: y = Block(Block(x)).
TEST_F(InlineFunctionsTest, NestedFunctionsCalledTwiceComputeTheFlatModel) {
  onnx::ModelProto m = tm::NewModel();
  ImportTestDomain(m);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "4"});
  tm::AddInitializer(g, "half", {1}, 0.5f);
  // The scale comes from the outer graph's initializer: functions may not
  // read outer values, so it is a function input.
  onnx::FunctionProto& act = AddFunction(m, "Act", {"X", "S"}, {"Y"});
  AddBodyNode(act, "Relu", {"X"}, {"r"});
  AddBodyNode(act, "Mul", {"r", "S"}, {"Y"});
  onnx::FunctionProto& block = AddFunction(m, "Block", {"X", "S"}, {"Y"});
  AddBodyNode(block, "Act", {"X", "S"}, {"a"}, "pkg.test");
  AddBodyNode(block, "Add", {"a", "X"}, {"s"});
  AddBodyNode(block, "Act", {"s", "S"}, {"Y"}, "pkg.test");
  Call(g, "Block", {"x", "half"}, {"b1"}, "block1");
  Call(g, "Block", {"b1", "half"}, {"y"}, "block2");
  tm::AddOutput(g, "y", {"N", "4"});

  std::vector<HostTensor> in;
  in.push_back(Ramp({2, 4}));
  std::vector<HostTensor> out = Run(m, "nested", in);
  ASSERT_EQ(out.size(), 1u);
  auto act_f = [](float v) { return std::max(v, 0.0f) * 0.5f; };
  auto block_f = [&](float v) { return act_f(act_f(v) + v); };
  const auto x = in[0].values<float>();
  const auto y = out[0].values<float>();
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(y[i], block_f(block_f(x[i])), 1e-6) << i;
}

// Scale(X) = X * alpha: alpha from the call, else the function's default
// (FunctionProto.attribute_proto, IR 9, an unknown field to ONNX 1.12).
TEST_F(InlineFunctionsTest, AttributeReferencesTakeTheCallsValueElseTheDefault) {
  onnx::ModelProto m = tm::NewModel();
  m.set_ir_version(9);
  ImportTestDomain(m);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3"});
  onnx::FunctionProto& f = AddFunction(m, "Scale", {"X"}, {"Y"});
  f.add_attribute("alpha");
  onnx::NodeProto& c = AddBodyNode(f, "Constant", {}, {"a"});
  auto* ref = c.add_attribute();
  ref->set_name("value_float");
  ref->set_type(onnx::AttributeProto::FLOAT);
  ref->set_ref_attr_name("alpha");
  AddBodyNode(f, "Mul", {"X", "a"}, {"Y"});
  onnx::AttributeProto def;
  def.set_name("alpha");
  def.set_type(onnx::AttributeProto::FLOAT);
  def.set_f(3.0f);
  f.GetReflection()->MutableUnknownFields(&f)->AddLengthDelimited(11, def.SerializeAsString());

  onnx::NodeProto& twice = Call(g, "Scale", {"x"}, {"y2"}, "twice");
  auto* alpha = twice.add_attribute();
  alpha->set_name("alpha");
  alpha->set_type(onnx::AttributeProto::FLOAT);
  alpha->set_f(2.0f);
  Call(g, "Scale", {"x"}, {"y3"}, "thrice");
  tm::AddOutput(g, "y2", {"N", "3"});
  tm::AddOutput(g, "y3", {"N", "3"});

  std::vector<HostTensor> in;
  in.push_back(Ramp({2, 3}));
  std::vector<HostTensor> out = Run(m, "attrs", in);
  ASSERT_EQ(out.size(), 2u);
  const auto x = in[0].values<float>();
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_FLOAT_EQ(out[0].values<float>()[i], 2.0f * x[i]);
    EXPECT_FLOAT_EQ(out[1].values<float>()[i], 3.0f * x[i]);
  }
}

// An opset-18 body (ReduceMean's axes as an input) in an IR-9 model, as
// PyTorch 2.1-2.4 wrote them: inlined first, then lowered to opset 17.
// The call uses one of the function's two outputs.
TEST_F(InlineFunctionsTest, Opset18BodiesAreLoweredAfterInliningAndUnusedOutputsDropped) {
  onnx::ModelProto m = tm::NewModel();
  m.set_ir_version(9);
  m.mutable_opset_import(0)->set_version(18);
  ImportTestDomain(m);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3", "4"});
  onnx::FunctionProto& f = AddFunction(m, "Center", {"X"}, {"Y", "Mean"}, 18);
  onnx::NodeProto& axes = AddBodyNode(f, "Constant", {}, {"axes"});
  auto* value = axes.add_attribute();
  value->set_name("value_ints");
  value->set_type(onnx::AttributeProto::INTS);
  value->add_ints(-1);
  AddBodyNode(f, "ReduceMean", {"X", "axes"}, {"Mean"});
  AddBodyNode(f, "Sub", {"X", "Mean"}, {"Y"});
  Call(g, "Center", {"x"}, {"y"}, "center");
  tm::AddOutput(g, "y", {"N", "3", "4"});

  std::vector<HostTensor> in;
  in.push_back(Ramp({2, 3, 4}));
  std::vector<HostTensor> out = Run(m, "opset18", in);
  ASSERT_EQ(out.size(), 1u);
  const auto x = in[0].values<float>();
  const auto y = out[0].values<float>();
  for (size_t row = 0; row < 6; ++row) {
    float mean = 0;
    for (size_t k = 0; k < 4; ++k) mean += x[row * 4 + k] / 4;
    for (size_t k = 0; k < 4; ++k) EXPECT_NEAR(y[row * 4 + k], x[row * 4 + k] - mean, 1e-6);
  }
}

TEST_F(InlineFunctionsTest, RecursiveFunctionIsAClearError) {
  onnx::ModelProto m = tm::NewModel();
  ImportTestDomain(m);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3"});
  onnx::FunctionProto& f = AddFunction(m, "Loop", {"X"}, {"Y"});
  AddBodyNode(f, "Loop", {"X"}, {"Y"}, "pkg.test");
  Call(g, "Loop", {"x"}, {"y"}, "forever");
  tm::AddOutput(g, "y", {"N", "3"});
  Status st = InlineLocalFunctions(m).status();
  EXPECT_EQ(st.reason(), Reason::kInvalidModel) << st.ToString();
  EXPECT_NE(st.message().find("recursive"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("pkg.test.Loop"), std::string::npos) << st.message();
}

TEST_F(InlineFunctionsTest, CallWithMoreInputsThanTheFunctionIsAClearError) {
  onnx::ModelProto m = tm::NewModel();
  ImportTestDomain(m);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3"});
  onnx::FunctionProto& f = AddFunction(m, "Neg", {"X"}, {"Y"});
  AddBodyNode(f, "Neg", {"X"}, {"Y"});
  Call(g, "Neg", {"x", "x"}, {"y"}, "neg");
  tm::AddOutput(g, "y", {"N", "3"});
  Status st = ConvertError(m);
  EXPECT_EQ(st.reason(), Reason::kInvalidModel) << st.ToString();
  EXPECT_NE(st.message().find("'neg'"), std::string::npos) << st.message();
}

TEST_F(InlineFunctionsTest, FunctionOutputThatNoNodeComputesIsAClearError) {
  onnx::ModelProto m = tm::NewModel();
  ImportTestDomain(m);
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"N", "3"});
  onnx::FunctionProto& f = AddFunction(m, "Broken", {"X"}, {"Y", "Z"});
  AddBodyNode(f, "Neg", {"X"}, {"Y"});
  Call(g, "Broken", {"x"}, {"y", "z"}, "broken");
  tm::AddNode(g, "Add", {"y", "z"}, {"s"});
  tm::AddOutput(g, "s", {"N", "3"});
  Status st = ConvertError(m);
  EXPECT_EQ(st.reason(), Reason::kInvalidModel) << st.ToString();
  EXPECT_NE(st.message().find("output 'Z'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("re-export"), std::string::npos) << st.message();
}

TEST_F(InlineFunctionsTest, ModelWithoutFunctionsIsUntouched) {
  onnx::ModelProto m = tm::ConvModel();
  const std::string before = m.SerializeAsString();
  auto r = InlineLocalFunctions(m);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "no local functions");
  EXPECT_EQ(m.SerializeAsString(), before);
}

}  // namespace
}  // namespace campaign::converter
