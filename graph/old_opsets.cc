#include "graph/old_opsets.h"

#include <string>
#include <vector>

namespace campaign::graph {

int64_t DefaultOpset(const onnx::ModelProto& model) {
  for (const auto& op : model.opset_import()) {
    if (op.domain().empty() || op.domain() == "ai.onnx") return op.version();
  }
  return -1;
}

namespace {

// Static shape of `name` from the graph's inputs, value_info and
// initializers; empty when unknown.
std::vector<int64_t> KnownShape(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& t : g.initializer()) {
    if (t.name() == name) return {t.dims().begin(), t.dims().end()};
  }
  for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      if (v.name() != name || !v.type().tensor_type().has_shape()) continue;
      std::vector<int64_t> s;
      for (const auto& d : v.type().tensor_type().shape().dim()) {
        if (!d.has_dim_value()) return {};
        s.push_back(d.dim_value());
      }
      return s;
    }
  }
  return {};
}

}  // namespace

int ReshapeOldPReluSlopes(onnx::ModelProto& model) {
  const int64_t opset = DefaultOpset(model);
  if (opset >= 9 || opset < 0) return 0;
  onnx::GraphProto& g = *model.mutable_graph();
  int fixed = 0;
  for (const auto& n : g.node()) {
    if (n.op_type() != "PRelu" || n.input_size() < 2) continue;
    const std::vector<int64_t> x = KnownShape(g, n.input(0));
    if (x.size() < 3) continue;
    for (auto& t : *g.mutable_initializer()) {
      if (t.name() != n.input(1) || t.dims_size() != 1 || t.dims(0) != x[1] || x[1] == 1) {
        continue;
      }
      const bool numpy_ok = t.dims(0) == x.back();
      if (opset >= 7 && numpy_ok) continue;
      t.clear_dims();
      t.add_dims(x[1]);
      for (size_t i = 2; i < x.size(); ++i) t.add_dims(1);
      ++fixed;
    }
    // A slope that is also a graph input (old exporters listed initializers
    // as inputs) gets the initializer's new shape.
    for (auto& in : *g.mutable_input()) {
      if (in.name() != n.input(1) || !in.type().tensor_type().has_shape()) continue;
      for (const auto& t : g.initializer()) {
        if (t.name() != in.name()) continue;
        auto* shape = in.mutable_type()->mutable_tensor_type()->mutable_shape();
        shape->clear_dim();
        for (int64_t d : t.dims()) shape->add_dim()->set_dim_value(d);
      }
    }
  }
  return fixed;
}

}  // namespace campaign::graph
