#include "converter/op_support.h"

namespace campaign::converter {
namespace {

void Count(const onnx::GraphProto& g, std::map<std::string, int>* counts) {
  for (const auto& node : g.node()) {
    const bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
    (*counts)[default_domain ? node.op_type() : node.domain() + "." + node.op_type()]++;
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) Count(attr.g(), counts);
      for (const auto& sub : attr.graphs()) Count(sub, counts);
    }
  }
}

}  // namespace

std::map<std::string, int> CountOpTypes(const onnx::GraphProto& graph) {
  std::map<std::string, int> counts;
  Count(graph, &counts);
  return counts;
}

Status CheckSupportedOps(const onnx::GraphProto& graph, const std::set<std::string>& supported,
                         const std::set<std::string>& ignored) {
  std::string missing;
  for (const auto& [op, n] : CountOpTypes(graph)) {
    if (supported.count(op) || ignored.count(op)) continue;
    missing += (missing.empty() ? "" : ", ") + op + " (" + std::to_string(n) + ")";
  }
  if (missing.empty()) return Status::Ok();
  std::string known;
  for (const auto& op : supported) known += (known.empty() ? "" : ", ") + op;
  return Status::Error(Reason::kUnsupportedOp,
                       "unsupported operators: " + missing + "; the runner supports: " + known);
}

}  // namespace campaign::converter
