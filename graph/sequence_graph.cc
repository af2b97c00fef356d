#include "graph/sequence_graph.h"

#include <map>

#include "graph/attributes.h"

namespace campaign::graph::sequences_internal {

namespace {

void AddSubgraphReads(const onnx::GraphProto& g, std::vector<std::string>* out) {
  for (const auto& n : g.node()) {
    for (const auto& name : n.input()) out->push_back(name);
    for (const auto& a : n.attribute()) {
      if (a.has_g()) AddSubgraphReads(a.g(), out);
      for (const auto& sub : a.graphs()) AddSubgraphReads(sub, out);
    }
  }
}

int64_t DefaultOpset(const onnx::ModelProto& model) {
  for (const auto& o : model.opset_import()) {
    if (o.domain().empty() || o.domain() == "ai.onnx") return o.version();
  }
  return 0;
}

}  // namespace

onnx::TensorProto TensorToProto(const HostTensor& value) {
  onnx::TensorProto t;
  for (int64_t d : value.shape()) t.add_dims(d);
  t.set_data_type(DTypeToOnnx(value.dtype()));
  t.set_raw_data(std::string(static_cast<const char*>(value.raw()), value.bytes()));
  return t;
}

void CollectNames(const onnx::GraphProto& g, std::set<std::string>* names) {
  for (const auto& v : g.input()) names->insert(v.name());
  for (const auto& v : g.output()) names->insert(v.name());
  for (const auto& t : g.initializer()) names->insert(t.name());
  for (const auto& n : g.node()) {
    names->insert(n.input().begin(), n.input().end());
    names->insert(n.output().begin(), n.output().end());
    for (const auto& a : n.attribute()) {
      if (a.has_g()) CollectNames(a.g(), names);
      for (const auto& sub : a.graphs()) CollectNames(sub, names);
    }
  }
}

std::vector<std::string> NodeReads(const onnx::NodeProto& n) {
  std::vector<std::string> out(n.input().begin(), n.input().end());
  for (const auto& a : n.attribute()) {
    if (a.has_g()) AddSubgraphReads(a.g(), &out);
    for (const auto& sub : a.graphs()) AddSubgraphReads(sub, &out);
  }
  return out;
}

SequenceGraph::SequenceGraph(const onnx::ModelProto& model)
    : model_(model), opset_(DefaultOpset(model)) {
  CollectNames(model.graph(), &used_names_);
}

void SequenceGraph::Add(onnx::NodeProto node) {
  used_names_.insert(node.output().begin(), node.output().end());
  nodes_.push_back(std::move(node));
}

std::string SequenceGraph::FreshName(const std::string& base) {
  std::string name = base;
  for (int k = 1; used_names_.count(name); ++k) name = base + "_" + std::to_string(k);
  used_names_.insert(name);
  return name;
}

void SequenceGraph::Slice(const std::string& name, onnx::ModelProto* slice) const {
  slice->set_ir_version(model_.ir_version());
  *slice->mutable_opset_import() = model_.opset_import();
  std::map<std::string, int> producer;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    for (const auto& o : nodes_[i].output()) producer[o] = static_cast<int>(i);
  }
  std::vector<bool> needed(nodes_.size(), false);
  std::set<std::string> reads;
  std::vector<std::string> stack{name};
  while (!stack.empty()) {
    std::string t = stack.back();
    stack.pop_back();
    if (t.empty() || !reads.insert(t).second) continue;
    auto it = producer.find(t);
    if (it == producer.end() || needed[it->second]) continue;
    needed[it->second] = true;
    for (const auto& in : NodeReads(nodes_[it->second])) stack.push_back(in);
  }
  onnx::GraphProto* g = slice->mutable_graph();
  g->set_name("sequence_slice");
  std::set<std::string> inits;
  for (const auto& t : model_.graph().initializer()) {
    if (reads.count(t.name()) && !producer.count(t.name())) {
      *g->add_initializer() = t;
      inits.insert(t.name());
    }
  }
  for (const auto& v : model_.graph().input()) {
    if (reads.count(v.name()) && !inits.count(v.name()) && !producer.count(v.name())) {
      *g->add_input() = v;
    }
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (needed[i]) *g->add_node() = nodes_[i];
  }
  g->add_output()->set_name(name);
}

Result<HostTensor> SequenceGraph::ConstantValue(const std::string& name,
                                                const std::string& what) const {
  onnx::ModelProto slice;
  Slice(name, &slice);
  auto plan = Plan::Create(slice);
  if (!plan.ok()) return plan.status().WithContext(what + " ('" + name + "')");
  const Plan::Tensor& t = (*plan)->tensors()[(*plan)->output_ids()[0]];
  if (!t.constant) {
    return Status::Error(Reason::kUnsupportedOp,
                         what + " ('" + name +
                             "') is computed at run time; it must be a constant (an "
                             "initializer, a Constant node, or computed from them only)");
  }
  return *t.constant;
}

Result<TensorSpec> SequenceGraph::Spec(const std::string& name, const std::string& what) const {
  onnx::ModelProto slice;
  Slice(name, &slice);
  auto plan = Plan::Create(slice);
  if (!plan.ok()) return plan.status().WithContext(what + " ('" + name + "')");
  return (*plan)->outputs()[0];
}

void SequenceGraph::EmitConstant(const std::string& out, const onnx::TensorProto& value) {
  onnx::NodeProto n;
  n.set_op_type("Constant");
  n.set_name(out);
  n.add_output(out);
  auto* a = n.add_attribute();
  a->set_name("value");
  a->set_type(onnx::AttributeProto::TENSOR);
  *a->mutable_t() = value;
  Add(std::move(n));
}

std::string SequenceGraph::Int64s(const std::string& base, const std::vector<int64_t>& values) {
  HostTensor t(DType::kInt64, {static_cast<int64_t>(values.size())});
  std::copy(values.begin(), values.end(), t.values<int64_t>().begin());
  std::string name = FreshName(base);
  EmitConstant(name, TensorToProto(t));
  return name;
}

void SequenceGraph::EmitIdentity(const std::string& in, const std::string& out) {
  onnx::NodeProto n;
  n.set_op_type("Identity");
  n.set_name(out);
  n.add_input(in);
  n.add_output(out);
  Add(std::move(n));
}

void SequenceGraph::EmitSplit(const std::string& x, int64_t axis, const std::vector<int64_t>& sizes,
                              const std::vector<std::string>& outs) {
  onnx::NodeProto n;
  n.set_op_type("Split");
  n.set_name(FreshName(outs.front() + "_split"));
  n.add_input(x);
  auto* a = n.add_attribute();
  a->set_name("axis");
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(axis);
  if (opset_ >= 13) {
    n.add_input(Int64s(outs.front() + "_split_sizes", sizes));
  } else {
    auto* s = n.add_attribute();
    s->set_name("split");
    s->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : sizes) s->add_ints(v);
  }
  for (const auto& o : outs) n.add_output(o);
  Add(std::move(n));
}

void SequenceGraph::EmitAxisOp(const std::string& op, const std::string& x, int64_t axis,
                               const std::string& out) {
  onnx::NodeProto n;
  n.set_op_type(op);
  n.set_name(out);
  n.add_input(x);
  if (opset_ >= 13) {
    n.add_input(Int64s(out + "_axes", {axis}));
  } else {
    auto* a = n.add_attribute();
    a->set_name("axes");
    a->set_type(onnx::AttributeProto::INTS);
    a->add_ints(axis);
  }
  n.add_output(out);
  Add(std::move(n));
}

void SequenceGraph::EmitSqueeze(const std::string& x, int64_t axis, const std::string& out) {
  EmitAxisOp("Squeeze", x, axis, out);
}

void SequenceGraph::EmitUnsqueeze(const std::string& x, int64_t axis, const std::string& out) {
  EmitAxisOp("Unsqueeze", x, axis, out);
}

void SequenceGraph::EmitConcat(const std::vector<std::string>& ins, int64_t axis,
                               const std::string& out) {
  onnx::NodeProto n;
  n.set_op_type("Concat");
  n.set_name(out);
  for (const auto& i : ins) n.add_input(i);
  n.add_output(out);
  auto* a = n.add_attribute();
  a->set_name("axis");
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(axis);
  Add(std::move(n));
}

}  // namespace campaign::graph::sequences_internal
