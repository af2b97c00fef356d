#include "converter/passes/matmul_add.h"

#include <set>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

using graph::DType;

// The bias operand's name (as a [N] initializer, reshaped when needed), or
// "" when `name` is not a bias for N outputs.
std::string BiasFor(onnx::GraphProto& g, const std::string& name, int64_t n, int64_t out_rank) {
  auto v = InitializerValue(g, name);
  if (!v || v->dtype() != DType::kFloat32 || v->size() != n || v->rank() > out_rank) return "";
  if (v->rank() == 0 || v->shape().back() != n) return "";
  if (v->rank() == 1) return name;
  v->Reshape({n});
  std::string fresh = FreshName(g, name + "_1d");
  SetInitializer(g, ToTensorProto(*v, fresh));
  return fresh;
}

}  // namespace

int FuseMatMulAdd(onnx::ModelProto& model, bool allow_fused) {
  onnx::GraphProto& g = *model.mutable_graph();
  auto producers = Producers(g);
  auto reads = CountReads(g);
  std::set<int> removed;
  for (int i = 0; i < g.node_size(); ++i) {
    const onnx::NodeProto& add = g.node(i);
    if (!IsOp(add, "Add") || add.input_size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      const std::string& mm_out = add.input(side);
      auto it = producers.find(mm_out);
      if (it == producers.end() || removed.count(it->second) || reads[mm_out] != 1) continue;
      onnx::NodeProto& mm = *g.mutable_node(it->second);
      if (!IsOp(mm, "MatMul") || mm.input_size() != 2) continue;
      const onnx::TensorProto* w = FindInitializer(g, mm.input(1));
      auto a = StaticShapeOf(g, mm.input(0));
      if (!w || w->dims_size() != 2 || w->data_type() != onnx::TensorProto::FLOAT || !a ||
          a->size() < 2 || (a->size() > 2 && !allow_fused)) {
        continue;
      }
      const int64_t n = w->dims(1);
      std::string bias = BiasFor(g, add.input(1 - side), n, static_cast<int64_t>(a->size()));
      if (bias.empty()) continue;
      const std::string y = add.output(0);
      if (a->size() == 2) {
        mm.set_op_type("Gemm");
      } else {
        mm.set_op_type("FusedMatMul");
        mm.set_domain(kCampaignDomain);
        SetAttr(mm, "activation", std::string("None"));
        EnsureCampaignOpset(model);
      }
      mm.add_input(bias);
      mm.set_output(0, y);
      removed.insert(i);
      break;
    }
  }
  RemoveNodes(g, removed);
  return static_cast<int>(removed.size());
}

}  // namespace campaign::converter
