#include "graph/testing/model_builder.h"

#include <cstdio>
#include <fstream>
#include <random>

namespace campaign::graph::testing {

ModelBuilder::ModelBuilder() {
  model_.set_ir_version(7);
  model_.add_opset_import()->set_version(13);
  model_.mutable_graph()->set_name("test");
}

void ModelBuilder::AddInput(const std::string& name, const Shape& shape, int32_t elem) {
  auto* v = model_.mutable_graph()->add_input();
  v->set_name(name);
  auto* tt = v->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(elem);
  for (int64_t d : shape) tt->mutable_shape()->add_dim()->set_dim_value(d);
}

void ModelBuilder::AddOutput(const std::string& name) {
  auto* v = model_.mutable_graph()->add_output();
  v->set_name(name);
  v->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
}

void ModelBuilder::AddInitializer(const std::string& name, const Shape& shape,
                                  std::vector<float> values, uint32_t seed) {
  if (values.empty()) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    values.resize(static_cast<size_t>(NumElements(shape)));
    for (float& v : values) v = dist(rng);
  }
  auto* t = model_.mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : shape) t->add_dims(d);
  for (float v : values) t->add_float_data(v);
}

void ModelBuilder::AddInt64Initializer(const std::string& name,
                                       const std::vector<int64_t>& values) {
  auto* t = model_.mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  t->add_dims(static_cast<int64_t>(values.size()));
  for (int64_t v : values) t->add_int64_data(v);
}

onnx::NodeProto* ModelBuilder::AddNode(const std::string& op_type,
                                       const std::vector<std::string>& inputs,
                                       const std::vector<std::string>& outputs) {
  auto* n = model_.mutable_graph()->add_node();
  n->set_op_type(op_type);
  n->set_name(op_type + "_" + std::to_string(model_.graph().node_size()));
  for (const auto& i : inputs) n->add_input(i);
  for (const auto& o : outputs) n->add_output(o);
  return n;
}

void ModelBuilder::SetMetadata(const std::string& key, const std::string& value) {
  auto* p = model_.add_metadata_props();
  p->set_key(key);
  p->set_value(value);
}

void SetInts(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& v) {
  auto* a = node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
}

void SetInt(onnx::NodeProto* node, const std::string& name, int64_t v) {
  auto* a = node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

void SetFloat(onnx::NodeProto* node, const std::string& name, float v) {
  auto* a = node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
}

onnx::ModelProto TinyCnn() {
  ModelBuilder b;
  b.AddInput("x", {1, 3, 8, 8});
  b.AddInitializer("w", {4, 3, 3, 3}, {}, 1);
  b.AddInitializer("b", {4}, {}, 2);
  b.AddInitializer("fc_w", {10, 64}, {}, 3);
  b.AddInitializer("fc_b", {10}, {}, 4);
  auto* conv = b.AddNode("Conv", {"x", "w", "b"}, {"c"});
  SetInts(conv, "kernel_shape", {3, 3});
  SetInts(conv, "pads", {1, 1, 1, 1});
  b.AddNode("Relu", {"c"}, {"r"});
  auto* pool = b.AddNode("MaxPool", {"r"}, {"p"});
  SetInts(pool, "kernel_shape", {2, 2});
  SetInts(pool, "strides", {2, 2});
  b.AddNode("Flatten", {"p"}, {"f"});
  auto* gemm = b.AddNode("Gemm", {"f", "fc_w", "fc_b"}, {"y"});
  SetInt(gemm, "transB", 1);
  b.AddOutput("y");
  return b.model();
}

void AddGeluPattern(ModelBuilder& b, const std::string& x, const std::string& y, bool tanh_form) {
  b.AddInitializer("one", {}, {1.0f});
  b.AddInitializer("half", {}, {0.5f});
  if (tanh_form) {
    b.AddInitializer("three", {}, {3.0f});
    b.AddInitializer("c", {}, {0.044715f});
    b.AddInitializer("k", {}, {0.7978845608f});
    b.AddNode("Pow", {x, "three"}, {"p"});
    b.AddNode("Mul", {"p", "c"}, {"pc"});
    b.AddNode("Add", {x, "pc"}, {"s"});
    b.AddNode("Mul", {"s", "k"}, {"sk"});
    b.AddNode("Tanh", {"sk"}, {"t"});
    b.AddNode("Add", {"t", "one"}, {"t1"});
    b.AddNode("Mul", {x, "t1"}, {"m"});
  } else {
    b.AddInitializer("sqrt2", {}, {1.41421356f});
    b.AddNode("Div", {x, "sqrt2"}, {"d"});
    b.AddNode("Erf", {"d"}, {"e"});
    b.AddNode("Add", {"e", "one"}, {"a"});
    b.AddNode("Mul", {x, "a"}, {"m"});
  }
  b.AddNode("Mul", {"m", "half"}, {y});
}

void WriteNpy(const std::filesystem::path& path, const Shape& shape,
              const std::vector<float>& values) {
  std::string dims;
  for (int64_t d : shape) dims += std::to_string(d) + ", ";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::ofstream f(path, std::ios::binary);
  f << "\x93NUMPY" << '\x01' << '\x00' << static_cast<char>(header.size() & 0xff)
    << static_cast<char>(header.size() >> 8) << header;
  f.write(reinterpret_cast<const char*>(values.data()),
          static_cast<std::streamsize>(values.size() * sizeof(float)));
}

}  // namespace campaign::graph::testing
