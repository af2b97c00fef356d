#include "graph/attributes.h"

#include <gtest/gtest.h>

#include "graph/plan.h"
#include "graph/testing/model_builder.h"

namespace campaign::graph {
namespace {

onnx::NodeProto ConstantNode(const std::string& attr) {
  onnx::NodeProto n;
  n.set_op_type("Constant");
  n.add_output("c");
  auto* a = n.add_attribute();
  a->set_name(attr);
  if (attr == "value_float") {
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(2.5f);
  } else if (attr == "value_floats") {
    a->set_type(onnx::AttributeProto::FLOATS);
    for (float v : {1.0f, -2.0f, 3.0f}) a->add_floats(v);
  } else if (attr == "value_int") {
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(7);
  } else if (attr == "value_ints") {
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : {4, 5}) a->add_ints(v);
  } else if (attr == "value_string") {
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s("x");
  }
  return n;
}

TEST(ConstantNodeValueTest, EveryNumericForm) {
  auto f = TensorFromProto(*ConstantNodeValue(ConstantNode("value_float")));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->shape(), Shape{});
  EXPECT_EQ(f->values<float>()[0], 2.5f);
  auto fs = TensorFromProto(*ConstantNodeValue(ConstantNode("value_floats")));
  ASSERT_TRUE(fs.ok());
  EXPECT_EQ(fs->shape(), Shape{3});
  EXPECT_EQ(fs->values<float>()[1], -2.0f);
  auto i = TensorFromProto(*ConstantNodeValue(ConstantNode("value_int")));
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->dtype(), DType::kInt64);
  EXPECT_EQ(i->values<int64_t>()[0], 7);
  auto is = TensorFromProto(*ConstantNodeValue(ConstantNode("value_ints")));
  ASSERT_TRUE(is.ok());
  EXPECT_EQ(is->shape(), Shape{2});
  EXPECT_EQ(is->values<int64_t>()[1], 5);
  auto s = ConstantNodeValue(ConstantNode("value_string"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().reason(), Reason::kUnsupportedOp);
}

// A plan reads Constant nodes in their attribute forms: x + value_floats.
TEST(ConstantNodeValueTest, PlanUsesValueFloats) {
  testing::ModelBuilder b;
  b.AddInput("x", {2, 3});
  *b.model().mutable_graph()->add_node() = ConstantNode("value_floats");
  b.AddNode("Add", {"x", "c"}, {"y"});
  b.AddOutput("y");
  auto plan = Plan::Create(b.model());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  HostTensor x(DType::kFloat32, {2, 3});
  for (float& v : x.values<float>()) v = 1.0f;
  std::vector<HostTensor> in;
  in.push_back(std::move(x));
  auto y = (*plan)->RunReference(in);
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  EXPECT_EQ((*y)[0].values<float>()[4], -1.0f);  // 1 + (-2)
}

}  // namespace
}  // namespace campaign::graph
