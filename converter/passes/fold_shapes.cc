#include "converter/passes/fold_shapes.h"

#include "converter/passes/fold_constants.h"
#include "converter/static_shapes.h"

namespace campaign::converter {

Result<int> FoldShapes(onnx::ModelProto& model) {
  int total = 0;
  for (int round = 0; round < kMaxFoldShapesRounds; ++round) {
    ASSIGN_OR_RETURN(int folded, FoldConstants(*model.mutable_graph()));
    if (folded == 0) break;
    total += folded;
    RETURN_IF_ERROR(InferStaticShapes(model).status());
  }
  return total;
}

}  // namespace campaign::converter
