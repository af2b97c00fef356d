#include "graph/ops/registry.h"

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

std::string OpKey(const onnx::NodeProto& node) {
  bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
  return default_domain ? node.op_type() : node.domain() + "." + node.op_type();
}

const OpTable& ReferenceOps() {
  static const auto* table = [] {
    auto* t = new OpTable;
    // One family per line (graph/ops/families.h), sorted by name.
    // clang-format off
    for (auto reg : {
             RegisterAttentionOps,
             RegisterBatchNormOps,
             RegisterCastOps,
             RegisterConcatOps,
             RegisterConvOps,
             RegisterConvTransposeOps,
             RegisterCumSumOps,
             RegisterDropoutOps,
             RegisterEinsumOps,
             RegisterElementwiseOps,
             RegisterFusedOps,
             RegisterGatherOps,
             RegisterGemmOps,
             RegisterGridSampleOps,
             RegisterGroupNormOps,
             RegisterInstanceNormOps,
             RegisterLayerNormOps,
             RegisterLossOps,
             RegisterLpNormOps,
             RegisterLrnOps,
             RegisterMaxUnpoolOps,
             RegisterMovementOps,
             RegisterNmsOps,
             RegisterNonZeroOps,
             RegisterOneHotOps,
             RegisterPadOps,
             RegisterPoolOps,
             RegisterQuantLinearOps,
             RegisterQuantizeOps,
             RegisterReduceOps,
             RegisterReshapeOps,
             RegisterResizeOps,
             RegisterReverseSequenceOps,
             RegisterRnnOps,
             RegisterRoiAlignOps,
             RegisterScatterOps,
             RegisterShapeOps,
             RegisterShrinkOps,
             RegisterSignalOps,
             RegisterSoftmaxOps,
             RegisterTfIdfOps,
             RegisterTopKOps,
             RegisterTriluOps,
             RegisterUniqueOps,
             RegisterVariadicOps,
         }) {
      // clang-format on
      reg(t);
    }
    return t;
  }();
  return *table;
}

const std::set<std::string>& SupportedOpTypes() {
  static const auto* types = [] {
    auto* s = new std::set<std::string>;
    for (const auto& [key, factory] : ReferenceOps()) s->insert(key);
    return s;
  }();
  return *types;
}

Result<std::unique_ptr<Op>> CreateOp(const OpTable& table, const onnx::NodeProto& node) {
  auto it = table.find(OpKey(node));
  if (it == table.end()) {
    return Status::Error(Reason::kUnsupportedOp,
                         "operator " + NodeLabel(node) + " is not supported by the runner");
  }
  return it->second(node);
}

}  // namespace campaign::graph
