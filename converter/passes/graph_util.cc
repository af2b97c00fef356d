#include "converter/passes/graph_util.h"

#include <cstring>

#include "graph/attributes.h"

namespace campaign::converter {
namespace {

onnx::AttributeProto* FindOrAddAttr(onnx::NodeProto& n, const std::string& name) {
  for (auto& a : *n.mutable_attribute()) {
    if (a.name() == name) {
      a.Clear();
      a.set_name(name);
      return &a;
    }
  }
  onnx::AttributeProto* a = n.add_attribute();
  a->set_name(name);
  return a;
}

void CountSubgraphReads(const onnx::GraphProto& g, std::map<std::string, int>* reads) {
  for (const auto& node : g.node()) {
    for (const auto& in : node.input()) (*reads)[in]++;
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) CountSubgraphReads(attr.g(), reads);
      for (const auto& sub : attr.graphs()) CountSubgraphReads(sub, reads);
    }
  }
}

std::optional<graph::Shape> ShapeOfValueInfo(const onnx::ValueInfoProto& v) {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return std::nullopt;
  graph::Shape s;
  for (const auto& d : v.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() <= 0) return std::nullopt;
    s.push_back(d.dim_value());
  }
  return s;
}

}  // namespace

bool IsOp(const onnx::NodeProto& node, const std::string& op_type) {
  return (node.domain().empty() || node.domain() == "ai.onnx") && node.op_type() == op_type;
}

const onnx::TensorProto* FindInitializer(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& t : g.initializer()) {
    if (t.name() == name) return &t;
  }
  return nullptr;
}

std::optional<graph::HostTensor> InitializerValue(const onnx::GraphProto& g,
                                                  const std::string& name) {
  const onnx::TensorProto* t = FindInitializer(g, name);
  if (t == nullptr) return std::nullopt;
  auto value = graph::TensorFromProto(*t);
  if (!value.ok()) return std::nullopt;
  return std::move(value).value();
}

std::optional<float> ScalarInitializer(const onnx::GraphProto& g, const std::string& name) {
  auto v = InitializerValue(g, name);
  if (!v || v->dtype() != graph::DType::kFloat32 || v->size() != 1) return std::nullopt;
  return v->values<float>()[0];
}

onnx::TensorProto ToTensorProto(const graph::HostTensor& t, const std::string& name) {
  onnx::TensorProto p;
  p.set_name(name);
  p.set_data_type(graph::DTypeToOnnx(t.dtype()));
  for (int64_t d : t.shape()) p.add_dims(d);
  p.set_raw_data(std::string(static_cast<const char*>(t.raw()), t.bytes()));
  return p;
}

void SetInitializer(onnx::GraphProto& g, onnx::TensorProto t) {
  for (auto& existing : *g.mutable_initializer()) {
    if (existing.name() == t.name()) {
      existing = std::move(t);
      return;
    }
  }
  *g.add_initializer() = std::move(t);
}

std::map<std::string, int> CountReads(const onnx::GraphProto& g) {
  std::map<std::string, int> reads;
  CountSubgraphReads(g, &reads);
  for (const auto& o : g.output()) reads[o.name()]++;
  return reads;
}

std::map<std::string, int> Producers(const onnx::GraphProto& g) {
  std::map<std::string, int> producers;
  for (int i = 0; i < g.node_size(); ++i) {
    for (const auto& o : g.node(i).output()) {
      if (!o.empty()) producers[o] = i;
    }
  }
  return producers;
}

std::map<std::string, std::vector<int>> Consumers(const onnx::GraphProto& g) {
  std::map<std::string, std::vector<int>> consumers;
  for (int i = 0; i < g.node_size(); ++i) {
    for (const auto& in : g.node(i).input()) {
      auto& list = consumers[in];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
  return consumers;
}

bool IsGraphOutput(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& o : g.output()) {
    if (o.name() == name) return true;
  }
  return false;
}

std::string FreshName(const onnx::GraphProto& g, const std::string& base) {
  std::set<std::string> used;
  for (const auto& t : g.initializer()) used.insert(t.name());
  for (const auto& v : g.input()) used.insert(v.name());
  for (const auto& n : g.node()) {
    used.insert(n.output().begin(), n.output().end());
    used.insert(n.name());
  }
  if (!used.count(base)) return base;
  for (int i = 1;; ++i) {
    std::string name = base + "_" + std::to_string(i);
    if (!used.count(name)) return name;
  }
}

void RemoveNodes(onnx::GraphProto& g, std::set<int> indices) {
  for (auto it = indices.rbegin(); it != indices.rend(); ++it) {
    g.mutable_node()->DeleteSubrange(*it, 1);
  }
}

void EnsureCampaignOpset(onnx::ModelProto& model) {
  for (const auto& op : model.opset_import()) {
    if (op.domain() == kCampaignDomain) return;
  }
  auto* op = model.add_opset_import();
  op->set_domain(kCampaignDomain);
  op->set_version(1);
}

int64_t AttrInt(const onnx::NodeProto& n, const std::string& name, int64_t def) {
  return graph::GetInt(n, name, def);
}
float AttrFloat(const onnx::NodeProto& n, const std::string& name, float def) {
  return graph::GetFloat(n, name, def);
}
std::string AttrString(const onnx::NodeProto& n, const std::string& name, const std::string& def) {
  return graph::GetString(n, name, def);
}
std::vector<int64_t> AttrInts(const onnx::NodeProto& n, const std::string& name) {
  return graph::GetInts(n, name, {});
}

void SetAttr(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& v) {
  onnx::AttributeProto* a = FindOrAddAttr(n, name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
}
void SetAttr(onnx::NodeProto& n, const std::string& name, int64_t v) {
  onnx::AttributeProto* a = FindOrAddAttr(n, name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}
void SetAttr(onnx::NodeProto& n, const std::string& name, float v) {
  onnx::AttributeProto* a = FindOrAddAttr(n, name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
}
void SetAttr(onnx::NodeProto& n, const std::string& name, const std::string& v) {
  onnx::AttributeProto* a = FindOrAddAttr(n, name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

std::optional<graph::Shape> StaticShapeOf(const onnx::GraphProto& g, const std::string& name) {
  if (const onnx::TensorProto* t = FindInitializer(g, name)) {
    return graph::Shape(t->dims().begin(), t->dims().end());
  }
  for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      if (v.name() == name) return ShapeOfValueInfo(v);
    }
  }
  return std::nullopt;
}

}  // namespace campaign::converter
