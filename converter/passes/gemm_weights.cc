#include "converter/passes/gemm_weights.h"

#include <map>

#include "converter/passes/graph_util.h"

namespace campaign::converter {

int PretransposeGemmWeights(onnx::GraphProto& g) {
  int rewritten = 0;
  std::map<std::string, std::string> done;  // weight -> its transpose (shared weights)
  for (int i = 0; i < g.node_size(); ++i) {
    onnx::NodeProto& n = *g.mutable_node(i);
    const bool gemm =
        IsOp(n, "Gemm") || (n.domain() == kCampaignDomain && n.op_type() == "FusedGemm");
    if (!gemm || n.input_size() < 2 || AttrInt(n, "transB", 0) == 0) continue;
    if (auto it = done.find(n.input(1)); it != done.end()) {
      n.set_input(1, it->second);
      SetAttr(n, "transB", int64_t{0});
      ++rewritten;
      continue;
    }
    auto w = InitializerValue(g, n.input(1));
    if (!w || w->dtype() != graph::DType::kFloat32 || w->rank() != 2) continue;
    const int64_t rows = w->shape()[0], cols = w->shape()[1];
    graph::HostTensor t(graph::DType::kFloat32, {cols, rows});
    auto src = w->values<float>();
    auto dst = t.values<float>();
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) dst[c * rows + r] = src[r * cols + c];
    }
    const std::string name = FreshName(g, n.input(1) + "_t");
    SetInitializer(g, ToTensorProto(t, name));
    done[n.input(1)] = name;
    n.set_input(1, name);
    SetAttr(n, "transB", int64_t{0});
    ++rewritten;
  }
  return rewritten;
}

}  // namespace campaign::converter
