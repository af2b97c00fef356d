#include "graph/static_lowering.h"

#include <string>

#include "graph/control_flow.h"

namespace campaign::graph {

bool HasControlFlowOrSequences(const onnx::ModelProto& model) {
  return HasControlFlow(model) || HasSequences(model);
}

Status LowerControlFlowAndSequences(onnx::ModelProto* model, const SequenceShapes& known_inputs) {
  for (int round = 0; round < kMaxLoweringRounds; ++round) {
    Status control = HasControlFlow(*model) ? LowerControlFlow(model) : Status::Ok();
    if (!HasSequences(*model)) return control;
    if (control.ok()) return LowerSequences(model, known_inputs);
    // Control flow refused (and left the model as it was): lower the
    // sequences that do not depend on it, then try it again.
    const std::string before = model->SerializeAsString();
    LowerOptions keep;
    keep.keep_unlowered = true;
    RETURN_IF_ERROR(LowerSequences(model, known_inputs, keep));
    if (model->SerializeAsString() == before) return control;
  }
  return Status::Error(Reason::kUnsupportedOp,
                       "control flow and sequences still not lowered after " +
                           std::to_string(kMaxLoweringRounds) +
                           " rounds of unrolling: nest them less deeply");
}

}  // namespace campaign::graph
