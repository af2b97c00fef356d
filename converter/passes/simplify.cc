#include "converter/passes/simplify.h"

#include <spdlog/spdlog.h>

#include <functional>

#include "converter/cleanup.h"
#include "converter/passes/dead_nodes.h"
#include "converter/passes/fold_batchnorm.h"
#include "converter/passes/fold_constants.h"
#include "converter/passes/fold_pad.h"
#include "converter/passes/fuse_activation.h"
#include "converter/passes/fuse_attention.h"
#include "converter/passes/fuse_gemm_residual.h"
#include "converter/passes/fuse_layernorm.h"
#include "converter/passes/fuse_residual.h"
#include "converter/passes/gemm_weights.h"
#include "converter/passes/graph_util.h"
#include "converter/passes/matmul_add.h"
#include "converter/passes/trivial_transpose.h"

namespace campaign::converter {
namespace {

struct Pass {
  std::string name;
  std::function<Result<int>(onnx::ModelProto&)> run;
};

void Record(SimplifyResult* r, const std::string& name, int before, int after, int rewrites) {
  for (PassNodeCount& p : r->passes) {
    if (p.pass == name) {
      p.nodes_after = after;
      p.rewrites += rewrites;
      return;
    }
  }
  r->passes.push_back({name, before, after, rewrites});
}

}  // namespace

std::string SimplifyResult::ToString() const {
  std::string s;
  for (const auto& p : passes) {
    s += (s.empty() ? "" : ", ") + p.pass + " " + std::to_string(p.nodes_before) + "->" +
         std::to_string(p.nodes_after) + " (" + std::to_string(p.rewrites) + ")";
  }
  return (s.empty() ? "nothing to simplify" : s) + " in " + std::to_string(rounds) + " rounds";
}

Result<SimplifyResult> Simplify(onnx::ModelProto& model, const SimplifyOptions& options) {
  bool fused = true;
  for (const char* op : {"FusedConv", "FusedGemm", "FusedMatMul"}) {
    fused = fused && (options.supported_ops.empty() ||
                      options.supported_ops.count(std::string("ai.campaign.") + op));
  }
  const auto supports = [&](const std::string& op) {
    return options.supported_ops.empty() || options.supported_ops.count(op) > 0;
  };
  const bool layer_norm = supports(LayerNormOpFor(model));
  const bool attention = supports(std::string(kCampaignDomain) + ".Attention");
  const std::vector<Pass> passes = {
      {"fold_constants",
       [&](onnx::ModelProto& m) {
         return FoldConstants(*m.mutable_graph(), options.fold_max_bytes);
       }},
      {"dead_nodes",
       [](onnx::ModelProto& m) -> Result<int> { return EliminateDeadNodes(*m.mutable_graph()); }},
      {"fold_pad",
       [](onnx::ModelProto& m) -> Result<int> { return FoldPadIntoConv(*m.mutable_graph()); }},
      {"fold_batchnorm",
       [](onnx::ModelProto& m) -> Result<int> { return FoldBatchNorm(*m.mutable_graph()); }},
      {"fuse_layernorm",
       [&](onnx::ModelProto& m) -> Result<int> { return layer_norm ? FuseLayerNorm(m) : 0; }},
      {"matmul_add", [&](onnx::ModelProto& m) -> Result<int> { return FuseMatMulAdd(m, fused); }},
      {"fuse_activation",
       [&](onnx::ModelProto& m) -> Result<int> { return fused ? FuseActivations(m) : 0; }},
      {"fuse_residual",
       [&](onnx::ModelProto& m) -> Result<int> { return fused ? FuseResidualAdds(m) : 0; }},
      {"fuse_attention",
       [&](onnx::ModelProto& m) -> Result<int> { return attention ? FuseAttention(m) : 0; }},
      {"trivial_transpose",
       [](onnx::ModelProto& m) -> Result<int> {
         return FoldTrivialTransposes(*m.mutable_graph());
       }},
      {"gemm_weights",
       [](onnx::ModelProto& m) -> Result<int> {
         return PretransposeGemmWeights(*m.mutable_graph());
       }},
      {"fuse_gemm_residual",
       [&](onnx::ModelProto& m) -> Result<int> { return fused ? FuseGemmResidualAdd(m) : 0; }},
  };
  SimplifyResult result;
  for (bool changed = true; changed && result.rounds < kMaxSimplifyRounds;) {
    changed = false;
    ++result.rounds;
    for (const Pass& p : passes) {
      const int before = model.graph().node_size();
      ASSIGN_OR_RETURN(int rewrites, p.run(model));
      if (rewrites == 0) continue;
      const int after = model.graph().node_size();
      spdlog::info("  {}: nodes {} -> {} ({} rewrites, round {})", p.name, before, after, rewrites,
                   result.rounds);
      Record(&result, p.name, before, after, rewrites);
      changed = true;
    }
    CleanupCounts dropped;
    DropUnused(*model.mutable_graph(), &dropped);
  }
  return result;
}

}  // namespace campaign::converter
