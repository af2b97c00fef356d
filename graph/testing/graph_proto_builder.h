// Test helpers: ONNX graphs written by hand, subgraphs included (the
// control-flow tests need If/Loop/Scan bodies, which ModelBuilder does not
// build). Header-only; no device.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace campaign::graph::testing {

// Declares `name` as a tensor of `elem` and `shape` in `list` (a graph's
// inputs or outputs); an empty `shape` is a scalar, `elem` 0 leaves the
// type unset (a body output whose type the lowering infers).
inline onnx::ValueInfoProto* DeclareTensor(
    google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>* list, const std::string& name,
    int32_t elem = onnx::TensorProto::FLOAT, const std::vector<int64_t>& shape = {}) {
  onnx::ValueInfoProto* v = list->Add();
  v->set_name(name);
  if (elem == 0) return v;
  auto* t = v->mutable_type()->mutable_tensor_type();
  t->set_elem_type(elem);
  auto* s = t->mutable_shape();
  for (int64_t d : shape) s->add_dim()->set_dim_value(d);
  return v;
}

inline onnx::NodeProto* AddGraphNode(onnx::GraphProto* g, const std::string& op_type,
                                     const std::vector<std::string>& inputs,
                                     const std::vector<std::string>& outputs,
                                     const std::string& name = "") {
  onnx::NodeProto* n = g->add_node();
  n->set_op_type(op_type);
  n->set_name(name.empty() ? op_type + "_" + std::to_string(g->node_size()) : name);
  for (const auto& i : inputs) n->add_input(i);
  for (const auto& o : outputs) n->add_output(o);
  return n;
}

inline void SetGraphAttr(onnx::NodeProto* n, const std::string& name, const onnx::GraphProto& g) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::GRAPH);
  *a->mutable_g() = g;
}

inline void AddFloatInit(onnx::GraphProto* g, const std::string& name,
                         const std::vector<int64_t>& dims, const std::vector<float>& values) {
  auto* t = g->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  for (float v : values) t->add_float_data(v);
}

inline void AddInt64Init(onnx::GraphProto* g, const std::string& name,
                         const std::vector<int64_t>& dims, const std::vector<int64_t>& values) {
  auto* t = g->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : dims) t->add_dims(d);
  for (int64_t v : values) t->add_int64_data(v);
}

inline void AddBoolInit(onnx::GraphProto* g, const std::string& name, bool value) {
  auto* t = g->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::BOOL);
  t->add_int32_data(value ? 1 : 0);
}

// An empty model importing the default-domain `opset`.
inline onnx::ModelProto EmptyModel(int64_t opset) {
  onnx::ModelProto m;
  m.set_ir_version(opset >= 13 ? 7 : 6);
  auto* o = m.add_opset_import();
  o->set_domain("");
  o->set_version(opset);
  m.mutable_graph()->set_name("test");
  return m;
}

}  // namespace campaign::graph::testing
