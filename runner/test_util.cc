#include "runner/test_util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <random>

#include "runner/cl/device.h"
#include "runner/executor.h"
#include "runner/validation.h"

namespace campaign::runner::testing {

cl::Runtime* SharedRuntime() {
  static std::unique_ptr<cl::Runtime> rt = []() -> std::unique_ptr<cl::Runtime> {
    auto devices = cl::ListDevices();
    if (!devices.ok()) return nullptr;
    auto device = cl::SelectDevice(*devices, "auto");
    if (!device.ok()) return nullptr;
    auto created = cl::Runtime::Create(*device);
    if (!created.ok()) {
      // A device exists but the runtime failed (e.g. a kernel does not
      // compile): say so, since the device tests then skip.
      std::fprintf(stderr, "OpenCL runtime not created: %s\n", created.status().ToString().c_str());
      return nullptr;
    }
    return std::move(created).value();
  }();
  return rt.get();
}

std::vector<HostTensor> ExpectDeviceMatchesReference(const onnx::ModelProto& model,
                                                     const std::string& what, double tol,
                                                     uint32_t seed) {
  SCOPED_TRACE(what);
  cl::Runtime* rt = SharedRuntime();
  if (!rt) return {};
  auto ex = Executor::Create(model);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  if (!ex.ok()) return {};
  Status st = (*ex)->PrepareDevice(*rt);
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (!st.ok()) return {};
  auto inputs = (*ex)->MakeRandomInputs(seed);
  std::vector<HostTensor> got;
  st = (*ex)->Run(inputs, &got);
  EXPECT_TRUE(st.ok()) << st.ToString();
  auto ref = (*ex)->RunReference(inputs);
  EXPECT_TRUE(ref.ok()) << ref.status().ToString();
  if (!st.ok() || !ref.ok()) return {};
  EXPECT_EQ(got.size(), ref->size());
  for (size_t i = 0; i < got.size() && i < ref->size(); ++i) {
    EXPECT_EQ(got[i].shape(), (*ref)[i].shape()) << what << " output " << i;
    EXPECT_EQ(got[i].dtype(), (*ref)[i].dtype()) << what << " output " << i;
    if (got[i].shape() != (*ref)[i].shape() || got[i].dtype() != (*ref)[i].dtype()) return {};
  }
  Validation v = CompareOutputs(got, *ref, tol);
  EXPECT_TRUE(v.passed) << what << ": norm_rel_error " << v.norm_rel_error << " max_abs "
                        << v.max_abs_error;
  return got;
}

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

}  // namespace campaign::runner::testing
