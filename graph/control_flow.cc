#include "graph/control_flow.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "graph/attributes.h"
#include "graph/control_flow_lowerer.h"
#include "graph/old_opsets.h"
#include "graph/plan.h"

namespace campaign::graph {
namespace control_flow {
namespace {

bool IsControlFlow(const onnx::NodeProto& n) {
  return (n.domain().empty() || n.domain() == "ai.onnx") &&
         (n.op_type() == "If" || n.op_type() == "Loop" || n.op_type() == "Scan");
}

void CollectNames(const onnx::GraphProto& g, std::set<std::string>* names) {
  for (const auto& v : g.input()) names->insert(v.name());
  for (const auto& v : g.output()) names->insert(v.name());
  for (const auto& v : g.value_info()) names->insert(v.name());
  for (const auto& t : g.initializer()) names->insert(t.name());
  for (const auto& n : g.node()) {
    if (!n.name().empty()) names->insert(n.name());
    for (const auto& o : n.output()) names->insert(o);
    for (const auto& a : n.attribute()) {
      if (a.has_g()) CollectNames(a.g(), names);
      for (const auto& sub : a.graphs()) CollectNames(sub, names);
    }
  }
}

int64_t CountNodes(const onnx::GraphProto& g) {
  int64_t n = g.node_size();
  for (const auto& node : g.node()) {
    for (const auto& a : node.attribute()) {
      if (a.has_g()) n += CountNodes(a.g());
      for (const auto& sub : a.graphs()) n += CountNodes(sub);
    }
  }
  return n;
}

std::string Mapped(const std::map<std::string, std::string>& ren, const std::string& name) {
  auto it = ren.find(name);
  return it == ren.end() ? name : it->second;
}

// Renames the outer-scope names that `g` (a nested subgraph) reads; names
// `g` defines itself shadow the map.
void RenameFree(onnx::GraphProto* g, std::map<std::string, std::string> ren) {
  for (const auto& v : g->input()) ren.erase(v.name());
  for (const auto& t : g->initializer()) ren.erase(t.name());
  for (const auto& n : g->node()) {
    for (const auto& o : n.output()) ren.erase(o);
  }
  for (auto& n : *g->mutable_node()) {
    for (auto& in : *n.mutable_input()) in = Mapped(ren, in);
    for (auto& a : *n.mutable_attribute()) {
      if (a.has_g()) RenameFree(a.mutable_g(), ren);
      for (auto& sub : *a.mutable_graphs()) RenameFree(&sub, ren);
    }
  }
  for (auto& v : *g->mutable_output()) v.set_name(Mapped(ren, v.name()));
}

onnx::TensorProto ToProto(const HostTensor& t, const std::string& name) {
  onnx::TensorProto p;
  p.set_name(name);
  p.set_data_type(DTypeToOnnx(t.dtype()));
  for (int64_t d : t.shape()) p.add_dims(d);
  p.set_raw_data(std::string(static_cast<const char*>(t.raw()), t.bytes()));
  return p;
}

}  // namespace

Lowerer::Lowerer(onnx::ModelProto* model) : model_(model), opset_(DefaultOpset(*model)) {
  CollectNames(model->graph(), &used_);
  const auto& g = model->graph();
  for (int i = 0; i < g.initializer_size(); ++i) initializers_[g.initializer(i).name()] = i;
  for (const auto& v : g.input()) {
    if (!initializers_.count(v.name())) graph_inputs_.insert(v.name());
  }
}

Status Lowerer::Run() {
  const auto nodes = model_->graph().node();
  for (const auto& n : nodes) RETURN_IF_ERROR(Emit(n));
  auto* g = model_->mutable_graph();
  g->clear_node();
  for (auto& n : out_) *g->add_node() = std::move(n);
  out_.clear();
  if (model_->ir_version() < 4) {
    // Before IR 4 every initializer is also a graph input (ONNX's shape
    // inference ignores the others).
    for (const auto& name : added_initializers_) {
      const onnx::TensorProto& t = g->initializer(initializers_.at(name));
      auto* v = g->add_input();
      v->set_name(name);
      auto* type = v->mutable_type()->mutable_tensor_type();
      type->set_elem_type(t.data_type());
      auto* shape = type->mutable_shape();
      for (int64_t d : t.dims()) shape->add_dim()->set_dim_value(d);
    }
  }
  return Status::Ok();
}

Status Lowerer::Emit(onnx::NodeProto node) {
  if (IsControlFlow(node)) {
    if (node.op_type() == "If") return LowerIf(*this, node);
    if (node.op_type() == "Loop") return LowerLoop(*this, node);
    return LowerScan(*this, node);
  }
  for (const auto& o : node.output()) {
    if (!o.empty()) producer_[o] = out_.size();
  }
  out_.push_back(std::move(node));
  return Status::Ok();
}

Result<std::vector<std::string>> Lowerer::Inline(const onnx::GraphProto& body,
                                                 const std::map<std::string, std::string>& bind,
                                                 const std::string& tag,
                                                 const onnx::NodeProto& owner) {
  const int64_t count = CountNodes(body);
  if (inlined_ + count > kMaxInlinedNodes) {
    return Status::Error(Reason::kUnsupportedOp,
                         NodeLabel(owner) + ": lowering control flow would inline more than " +
                             std::to_string(kMaxInlinedNodes) +
                             " subgraph nodes (the unrolled engine would be too large)");
  }
  if (body.sparse_initializer_size() > 0) {
    return Status::Error(Reason::kUnsupportedOp,
                         NodeLabel(owner) + ": subgraph '" + body.name() +
                             "' has sparse initializers, which are not supported");
  }
  inlined_ += count;
  std::map<std::string, std::string> ren = bind;
  for (const auto& t : body.initializer()) {
    onnx::TensorProto copy = t;
    copy.set_name(Fresh(tag + t.name()));
    ren[t.name()] = copy.name();
    initializers_[copy.name()] = model_->graph().initializer_size();
    added_initializers_.push_back(copy.name());
    *model_->mutable_graph()->add_initializer() = std::move(copy);
  }
  for (const auto& n : body.node()) {
    for (const auto& o : n.output()) {
      if (!o.empty()) ren[o] = Fresh(tag + o);
    }
  }
  std::vector<onnx::NodeProto> nodes;
  for (const auto& n : body.node()) {
    onnx::NodeProto copy = n;
    copy.set_name(Fresh(tag + (n.name().empty() ? n.op_type() : n.name())));
    for (auto& in : *copy.mutable_input()) in = Mapped(ren, in);
    for (auto& o : *copy.mutable_output()) o = Mapped(ren, o);
    for (auto& a : *copy.mutable_attribute()) {
      if (a.has_g()) RenameFree(a.mutable_g(), ren);
      for (auto& sub : *a.mutable_graphs()) RenameFree(&sub, ren);
    }
    nodes.push_back(std::move(copy));
  }
  for (auto& n : nodes) RETURN_IF_ERROR(Emit(std::move(n)));
  std::vector<std::string> outs;
  for (const auto& v : body.output()) outs.push_back(Mapped(ren, v.name()));
  return outs;
}

bool Lowerer::Ancestors(const std::vector<std::string>& names, std::vector<size_t>* nodes,
                        std::set<std::string>* inits, std::set<std::string>* inputs) const {
  std::set<size_t> seen;
  std::vector<std::string> todo = names;
  bool known = true;
  while (!todo.empty()) {
    std::string name = std::move(todo.back());
    todo.pop_back();
    if (name.empty()) continue;
    if (initializers_.count(name)) {
      inits->insert(name);
    } else if (auto it = producer_.find(name); it != producer_.end()) {
      if (!seen.insert(it->second).second) continue;
      for (const auto& in : out_[it->second].input()) todo.push_back(in);
    } else if (graph_inputs_.count(name)) {
      inputs->insert(name);
    } else {
      known = false;  // not defined (yet): nothing to evaluate
    }
  }
  nodes->assign(seen.begin(), seen.end());  // std::set: in emission order
  return known;
}

onnx::ModelProto Lowerer::Extract(const std::vector<std::string>& names,
                                  bool* only_constants) const {
  std::vector<size_t> nodes;
  std::set<std::string> inits, inputs;
  const bool known = Ancestors(names, &nodes, &inits, &inputs);
  *only_constants = known && inputs.empty();
  onnx::ModelProto m;
  m.set_ir_version(model_->ir_version());
  *m.mutable_opset_import() = model_->opset_import();
  auto* g = m.mutable_graph();
  g->set_name("control_flow_extract");
  for (size_t i : nodes) *g->add_node() = out_[i];
  for (const auto& name : inits) {
    *g->add_initializer() = model_->graph().initializer(initializers_.at(name));
  }
  for (const auto& v : model_->graph().input()) {
    if (inputs.count(v.name())) *g->add_input() = v;
  }
  for (const auto& name : names) g->add_output()->set_name(name);
  return m;
}

std::optional<HostTensor> Lowerer::ConstantValue(const std::string& name) {
  if (auto it = initializers_.find(name); it != initializers_.end()) {
    auto t = TensorFromProto(model_->graph().initializer(it->second));
    if (!t.ok()) return std::nullopt;
    return std::move(t).value();
  }
  if (!producer_.count(name)) return std::nullopt;
  bool only_constants = false;
  onnx::ModelProto m = Extract({name}, &only_constants);
  if (!only_constants) return std::nullopt;
  auto plan = Plan::Create(m);
  if (!plan.ok()) return std::nullopt;
  for (const auto& t : (*plan)->tensors()) {
    if (t.name == name && t.constant) return *t.constant;
  }
  return std::nullopt;
}

Result<std::vector<TensorInfo>> Lowerer::Infos(const std::vector<std::string>& names) {
  bool only_constants = false;
  onnx::ModelProto m = Extract(names, &only_constants);
  ASSIGN_OR_RETURN(auto plan, Plan::Create(m));
  std::vector<TensorInfo> infos;
  for (const auto& name : names) {
    auto it = std::find_if(plan->tensors().begin(), plan->tensors().end(),
                           [&](const Plan::Tensor& t) { return t.name == name; });
    if (it == plan->tensors().end() || !it->inferred) {
      return Status::Error(Reason::kInternal, "no shape inferred for '" + name + "'");
    }
    TensorInfo info = it->info;
    info.constant = nullptr;  // dies with the plan
    infos.push_back(std::move(info));
  }
  return infos;
}

std::string Lowerer::Fresh(const std::string& base) {
  std::string name = base;
  while (!used_.insert(name).second) name = base + "_" + std::to_string(++counter_);
  return name;
}

std::string Lowerer::AddInitializer(const std::string& base, const HostTensor& value) {
  const std::string name = Fresh(base);
  initializers_[name] = model_->graph().initializer_size();
  added_initializers_.push_back(name);
  *model_->mutable_graph()->add_initializer() = ToProto(value, name);
  return name;
}

std::string Lowerer::Int64Scalar(int64_t value) {
  auto it = int64_scalars_.find(value);
  if (it != int64_scalars_.end()) return it->second;
  HostTensor t(DType::kInt64, {});
  t.values<int64_t>()[0] = value;
  return int64_scalars_[value] = AddInitializer("cf_int64_" + std::to_string(value), t);
}

std::string Lowerer::BoolTrue() {
  if (bool_true_.empty()) {
    HostTensor t(DType::kBool, {});
    t.values<uint8_t>()[0] = 1;
    bool_true_ = AddInitializer("cf_true", t);
  }
  return bool_true_;
}

onnx::NodeProto Lowerer::MakeNode(const std::string& op_type,
                                  const std::vector<std::string>& inputs,
                                  const std::vector<std::string>& outputs) {
  onnx::NodeProto n;
  n.set_op_type(op_type);
  n.set_name(Fresh("cf_" + op_type));
  for (const auto& i : inputs) n.add_input(i);
  for (const auto& o : outputs) n.add_output(o);
  return n;
}

std::string Lowerer::Unsqueeze(const std::string& x, int64_t axis, std::string out) {
  if (out.empty()) out = Fresh(x + "_unsqueezed");
  onnx::NodeProto n = MakeNode("Unsqueeze", {x}, {out});
  if (opset_ >= 13) {
    HostTensor axes(DType::kInt64, {1});
    axes.values<int64_t>()[0] = axis;
    n.add_input(AddInitializer("cf_axes", axes));
  } else {
    auto* a = n.add_attribute();
    a->set_name("axes");
    a->set_type(onnx::AttributeProto::INTS);
    a->add_ints(axis);
  }
  (void)Emit(std::move(n));  // a plain node: cannot fail
  return out;
}

std::string Lowerer::Take(const std::string& x, int64_t index, int64_t axis) {
  const std::string out = Fresh(x + "_" + std::to_string(index));
  onnx::NodeProto n = MakeNode("Gather", {x, Int64Scalar(index)}, {out});
  auto* a = n.add_attribute();
  a->set_name("axis");
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(axis);
  (void)Emit(std::move(n));
  return out;
}

void Lowerer::Stack(const std::vector<std::string>& values, int64_t axis, const std::string& out) {
  if (values.size() == 1) {
    Unsqueeze(values[0], axis, out);
    return;
  }
  std::vector<std::string> parts;
  for (const auto& v : values) parts.push_back(Unsqueeze(v, axis));
  onnx::NodeProto n = MakeNode("Concat", parts, {out});
  auto* a = n.add_attribute();
  a->set_name("axis");
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(axis);
  (void)Emit(std::move(n));
}

}  // namespace control_flow

bool HasControlFlow(const onnx::ModelProto& model) {
  for (const auto& n : model.graph().node()) {
    if (control_flow::IsControlFlow(n)) return true;
  }
  return false;
}

Status LowerControlFlow(onnx::ModelProto* model) {
  if (!HasControlFlow(*model)) return Status::Ok();
  onnx::ModelProto copy = *model;
  control_flow::Lowerer lowerer(&copy);
  RETURN_IF_ERROR(lowerer.Run());
  *model = std::move(copy);
  return Status::Ok();
}

}  // namespace campaign::graph
