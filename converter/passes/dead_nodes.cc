#include "converter/passes/dead_nodes.h"

#include <set>
#include <string>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

void CollectSubgraphReads(const onnx::GraphProto& g, std::set<std::string>* needed) {
  for (const auto& node : g.node()) {
    needed->insert(node.input().begin(), node.input().end());
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) CollectSubgraphReads(attr.g(), needed);
      for (const auto& sub : attr.graphs()) CollectSubgraphReads(sub, needed);
    }
  }
}

}  // namespace

int EliminateDeadNodes(onnx::GraphProto& g) {
  std::set<std::string> needed;
  for (const auto& o : g.output()) needed.insert(o.name());
  std::set<int> dead;
  for (int i = g.node_size() - 1; i >= 0; --i) {
    const onnx::NodeProto& n = g.node(i);
    bool live = false;
    for (const auto& o : n.output()) live = live || (!o.empty() && needed.count(o));
    if (!live) {
      dead.insert(i);
      continue;
    }
    needed.insert(n.input().begin(), n.input().end());
    for (const auto& attr : n.attribute()) {
      if (attr.has_g()) CollectSubgraphReads(attr.g(), &needed);
      for (const auto& sub : attr.graphs()) CollectSubgraphReads(sub, &needed);
    }
  }
  RemoveNodes(g, dead);
  return static_cast<int>(dead.size());
}

}  // namespace campaign::converter
