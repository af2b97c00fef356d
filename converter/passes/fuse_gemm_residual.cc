#include "converter/passes/fuse_gemm_residual.h"

#include <map>
#include <set>
#include <vector>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

bool Takes(const onnx::NodeProto& n) {
  const bool fused = n.domain() == kCampaignDomain &&
                     (n.op_type() == "FusedGemm" || n.op_type() == "FusedMatMul") &&
                     AttrString(n, "activation", "None") == "None";
  return (IsOp(n, "Gemm") || fused) && n.input_size() <= 3 && n.output_size() == 1;
}

// A plain Gemm as a fused node: FusedMatMul(A, B, bias) when it is
// A·B + bias[N] (the bias then goes into the same epilogue kernel as the
// residual instead of a broadcast kernel before the GEMM), else FusedGemm.
void ToFused(const onnx::GraphProto& g, onnx::NodeProto& gemm) {
  const bool plain = AttrInt(gemm, "transA", 0) == 0 && AttrInt(gemm, "transB", 0) == 0 &&
                     AttrFloat(gemm, "alpha", 1.0f) == 1.0f;
  bool bias = gemm.input_size() < 3 || gemm.input(2).empty();
  if (!bias && AttrFloat(gemm, "beta", 1.0f) == 1.0f) {
    auto c = StaticShapeOf(g, gemm.input(2));
    auto b = StaticShapeOf(g, gemm.input(1));
    bias = c && b && b->size() == 2 && c->size() == 1 && (*c)[0] == (*b)[1];
  }
  gemm.set_domain(kCampaignDomain);
  if (plain && bias) {
    gemm.set_op_type("FusedMatMul");
    gemm.clear_attribute();
  } else {
    gemm.set_op_type("FusedGemm");
  }
  SetAttr(gemm, "activation", std::string("None"));
}

}  // namespace

int FuseGemmResidualAdd(onnx::ModelProto& model) {
  onnx::GraphProto& g = *model.mutable_graph();
  const auto producers = Producers(g);
  const auto reads = CountReads(g);
  auto read_once = [&](const std::string& t) {
    auto r = reads.find(t);
    return r != reads.end() && r->second == 1 && !IsGraphOutput(g, t);
  };
  std::set<int> removed, changed;
  for (int i = 0; i < g.node_size(); ++i) {
    const onnx::NodeProto& add = g.node(i);
    if (!IsOp(add, "Add") || add.input_size() != 2 || add.input(0) == add.input(1)) continue;
    auto y_shape = StaticShapeOf(g, add.output(0));
    if (!y_shape) continue;
    for (int side = 0; side < 2; ++side) {
      const std::string& r = add.input(1 - side);
      if (StaticShapeOf(g, r) != y_shape) continue;
      // Walk back through single-use Reshapes to the GEMM.
      std::vector<int> reshapes;
      std::string t = add.input(side);
      int p = -1;
      while (true) {
        auto it = producers.find(t);
        if (it == producers.end() || !read_once(t)) break;
        const onnx::NodeProto& n = g.node(it->second);
        if (IsOp(n, "Reshape")) {
          reshapes.push_back(it->second);
          t = n.input(0);
          continue;
        }
        if (Takes(n)) p = it->second;
        break;
      }
      if (p < 0 || removed.count(p) || changed.count(p)) continue;
      auto rp = producers.find(r);
      if (rp != producers.end() && rp->second >= p) continue;  // r must exist before G runs
      onnx::NodeProto& gemm = *g.mutable_node(p);
      if (IsOp(gemm, "Gemm")) ToFused(g, gemm);
      while (gemm.input_size() < 3) gemm.add_input("");
      gemm.add_input(r);
      // The last node of the path now writes y.
      if (reshapes.empty()) {
        gemm.set_output(0, add.output(0));
      } else {
        g.mutable_node(reshapes.front())->set_output(0, add.output(0));
      }
      changed.insert(p);
      removed.insert(i);
      break;
    }
  }
  if (!changed.empty()) EnsureCampaignOpset(model);
  RemoveNodes(g, removed);
  return static_cast<int>(removed.size());
}

}  // namespace campaign::converter
