#include "graph/static_lowering.h"

#include <string>

#include "graph/control_flow.h"

namespace campaign::graph {

bool HasControlFlowOrSequences(const onnx::ModelProto& model) {
  return HasControlFlow(model) || HasSequences(model);
}

Status LowerControlFlowAndSequences(onnx::ModelProto* model, const SequenceShapes& known_inputs) {
  Status control;
  for (int round = 0; round < kMaxLoweringRounds; ++round) {
    control = HasControlFlow(*model) ? LowerControlFlow(model) : Status::Ok();
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
  // Each round lowered some sequences, yet the control flow still refuses:
  // its refusal is what the user can act on.
  return control.WithContext("after " + std::to_string(kMaxLoweringRounds) +
                             " rounds of lowering sequences and control flow");
}

}  // namespace campaign::graph
