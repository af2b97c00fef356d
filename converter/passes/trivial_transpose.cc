#include "converter/passes/trivial_transpose.h"

#include <vector>

#include "converter/passes/graph_util.h"
#include "graph/reference/movement.h"

namespace campaign::converter {
namespace {

// True when `perm` keeps the dimensions of extent > 1 in their order.
bool KeepsOrder(const graph::Shape& in, const std::vector<int64_t>& perm) {
  int64_t last = -1;
  for (int64_t p : perm) {
    if (in[p] == 1) continue;
    if (p < last) return false;
    last = p;
  }
  return true;
}

}  // namespace

int FoldTrivialTransposes(onnx::GraphProto& g) {
  int rewritten = 0;
  for (int i = 0; i < g.node_size(); ++i) {
    onnx::NodeProto& n = *g.mutable_node(i);
    if (!IsOp(n, "Transpose") || n.input_size() != 1) continue;
    auto in = StaticShapeOf(g, n.input(0));
    if (!in) continue;
    std::vector<int64_t> perm = AttrInts(n, "perm");
    auto p = graph::reference::NormalizePerm(perm, static_cast<int64_t>(in->size()));
    if (!p.ok() || !KeepsOrder(*in, *p)) continue;
    graph::HostTensor shape(graph::DType::kInt64, {static_cast<int64_t>(in->size())});
    const graph::Shape out = graph::reference::TransposeShape(*in, *p);
    if (graph::NumElements(out) == 0) continue;  // Reshape's 0 would mean "copy"
    for (size_t d = 0; d < out.size(); ++d) shape.values<int64_t>()[d] = out[d];
    const std::string name = FreshName(g, n.output(0) + "_shape");
    SetInitializer(g, ToTensorProto(shape, name));
    n.set_op_type("Reshape");
    n.clear_attribute();
    n.add_input(name);
    ++rewritten;
  }
  return rewritten;
}

}  // namespace campaign::converter
