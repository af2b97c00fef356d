#include "converter/cleanup.h"

#include <set>
#include <string>

#include "graph/attributes.h"

namespace campaign::converter {
namespace {

bool IsPassThrough(const onnx::NodeProto& n) {
  const bool default_domain = n.domain().empty() || n.domain() == "ai.onnx";
  return default_domain && (n.op_type() == "Identity" || n.op_type() == "Dropout");
}

void ForEachSubgraph(onnx::NodeProto& node,
                     void (*fn)(onnx::GraphProto&, const std::string&, const std::string&),
                     const std::string& from, const std::string& to) {
  for (auto& attr : *node.mutable_attribute()) {
    if (attr.has_g()) fn(*attr.mutable_g(), from, to);
    for (auto& g : *attr.mutable_graphs()) fn(g, from, to);
  }
}

// Replaces every read of `from` with `to`, in subgraphs too (they may read
// outer-scope tensors by name).
void RenameUses(onnx::GraphProto& g, const std::string& from, const std::string& to) {
  for (auto& node : *g.mutable_node()) {
    for (auto& in : *node.mutable_input()) {
      if (in == from) in = to;
    }
    ForEachSubgraph(node, &RenameUses, from, to);
  }
}

bool IsGraphOutput(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& o : g.output()) {
    if (o.name() == name) return true;
  }
  return false;
}

bool IsGraphInputOrInitializer(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& i : g.input()) {
    if (i.name() == name) return true;
  }
  for (const auto& t : g.initializer()) {
    if (t.name() == name) return true;
  }
  return false;
}

onnx::NodeProto* Producer(onnx::GraphProto& g, const std::string& name) {
  for (auto& node : *g.mutable_node()) {
    for (const auto& out : node.output()) {
      if (out == name) return &node;
    }
  }
  return nullptr;
}

bool MaskUsed(const onnx::GraphProto& g, const onnx::NodeProto& dropout) {
  if (dropout.output_size() < 2 || dropout.output(1).empty()) return false;
  const std::string& mask = dropout.output(1);
  if (IsGraphOutput(g, mask)) return true;
  for (const auto& node : g.node()) {
    for (const auto& in : node.input()) {
      if (in == mask) return true;
    }
  }
  return false;
}

// Bypasses `node` (input x, output y). Returns false when it must stay.
bool Bypass(onnx::GraphProto& g, const onnx::NodeProto& node) {
  if (node.input_size() < 1 || node.output_size() < 1) return false;
  const std::string x = node.input(0);
  const std::string y = node.output(0);
  if (node.op_type() == "Dropout" && MaskUsed(g, node)) return false;
  if (!IsGraphOutput(g, y)) {
    RenameUses(g, y, x);
    return true;
  }
  // y is a graph output: its name is part of the engine's interface, so the
  // producer of x must write y instead.
  if (IsGraphOutput(g, x) || IsGraphInputOrInitializer(g, x)) return false;
  onnx::NodeProto* producer = Producer(g, x);
  if (producer == nullptr) return false;
  for (auto& out : *producer->mutable_output()) {
    if (out == x) out = y;
  }
  RenameUses(g, x, y);
  return true;
}

void CollectReads(const onnx::GraphProto& g, std::set<std::string>* used) {
  for (const auto& node : g.node()) {
    for (const auto& in : node.input()) used->insert(in);
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) CollectReads(attr.g(), used);
      for (const auto& sub : attr.graphs()) CollectReads(sub, used);
    }
  }
  for (const auto& o : g.output()) used->insert(o.name());
}

// Moves the Constant node's value into `t` (graph::ConstantNodeValue).
// False for forms we leave alone (sparse_value, strings).
bool ConstantValue(const onnx::NodeProto& node, onnx::TensorProto* t) {
  if (node.attribute_size() != 1) return false;
  auto value = graph::ConstantNodeValue(node);
  if (!value.ok()) return false;
  *t = std::move(value).value();
  return true;
}

}  // namespace

std::string CleanupCounts::ToString() const {
  return "removed " + std::to_string(identity_removed) + " Identity, " +
         std::to_string(dropout_removed) + " Dropout; " +
         std::to_string(constants_to_initializers) + " Constant -> initializer; dropped " +
         std::to_string(initializers_dropped) + " unused initializers, " +
         std::to_string(value_info_dropped) + " stale value_info";
}

void RemovePassThroughNodes(onnx::GraphProto& g, CleanupCounts* counts) {
  for (int i = 0; i < g.node_size();) {
    const onnx::NodeProto node = g.node(i);  // copy: Bypass edits the graph
    if (!IsPassThrough(node) || !Bypass(g, node)) {
      ++i;
      continue;
    }
    g.mutable_node()->DeleteSubrange(i, 1);
    (node.op_type() == "Identity" ? counts->identity_removed : counts->dropout_removed)++;
  }
}

void ConstantsToInitializers(onnx::ModelProto& model, CleanupCounts* counts) {
  if (model.ir_version() < 4) return;
  onnx::GraphProto& g = *model.mutable_graph();
  for (int i = 0; i < g.node_size();) {
    const onnx::NodeProto& node = g.node(i);
    const bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
    onnx::TensorProto t;
    if (!default_domain || node.op_type() != "Constant" || node.output_size() != 1 ||
        IsGraphOutput(g, node.output(0)) || !ConstantValue(node, &t)) {
      ++i;
      continue;
    }
    t.set_name(node.output(0));
    *g.add_initializer() = std::move(t);
    g.mutable_node()->DeleteSubrange(i, 1);
    counts->constants_to_initializers++;
  }
}

void DropUnused(onnx::GraphProto& g, CleanupCounts* counts) {
  std::set<std::string> used;
  CollectReads(g, &used);
  std::set<std::string> dropped;
  auto* inits = g.mutable_initializer();
  for (int i = inits->size() - 1; i >= 0; --i) {
    if (used.count(inits->Get(i).name())) continue;
    dropped.insert(inits->Get(i).name());
    inits->DeleteSubrange(i, 1);
    counts->initializers_dropped++;
  }
  auto* inputs = g.mutable_input();
  for (int i = inputs->size() - 1; i >= 0; --i) {
    if (dropped.count(inputs->Get(i).name())) inputs->DeleteSubrange(i, 1);
  }
  std::set<std::string> produced;
  for (const auto& node : g.node()) produced.insert(node.output().begin(), node.output().end());
  auto* vi = g.mutable_value_info();
  for (int i = vi->size() - 1; i >= 0; --i) {
    const std::string& name = vi->Get(i).name();
    if (produced.count(name) && !IsGraphOutput(g, name)) continue;
    vi->DeleteSubrange(i, 1);
    counts->value_info_dropped++;
  }
}

CleanupCounts Cleanup(onnx::ModelProto& model) {
  CleanupCounts counts;
  RemovePassThroughNodes(*model.mutable_graph(), &counts);
  ConstantsToInitializers(model, &counts);
  DropUnused(*model.mutable_graph(), &counts);
  return counts;
}

}  // namespace campaign::converter
