// Pass "simplify": the simplification passes of converter/passes/, run in
// this order and repeated until none changes the graph (a fixed point; at
// most kMaxSimplifyRounds rounds):
//   fold_constants, dead_nodes, fold_pad, fold_batchnorm, fuse_layernorm,
//   matmul_add, fuse_activation, fuse_attention, trivial_transpose,
//   gemm_weights, fuse_residual
// followed each round by dropping initializers and value_info nothing uses.
#pragma once

#include <onnx/onnx_pb.h>

#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "converter/convert_report.h"

namespace campaign::converter {

inline constexpr int kMaxSimplifyRounds = 10;

struct SimplifyOptions {
  size_t fold_max_bytes = size_t{64} << 20;  // size cap of one folded tensor
  // The runner's op types (graph::SupportedOpTypes()); the ai.campaign fused
  // ops are only made when it lists all three of them. Empty: no limit.
  std::set<std::string> supported_ops;
};

// One entry per pass that changed something, in the order of its first
// change: node counts before its first and after its last change, summed
// rewrites. Also logs (spdlog, info) each change.
struct SimplifyResult {
  std::vector<PassNodeCount> passes;
  int rounds = 0;

  std::string ToString() const;  // "fold_constants 320->120 (200), ..."
};

// REQUIRES: value_info from shape inference (fold_constants folds Shape of
// tensors with static shapes, matmul_add needs the rank of MatMul's A).
Result<SimplifyResult> Simplify(onnx::ModelProto& model, const SimplifyOptions& options = {});

}  // namespace campaign::converter
