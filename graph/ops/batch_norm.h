// BatchNormalization in inference mode: the reference class. Opset 6/7/9/14/
// 15 forms (X, scale, B, mean, var; `epsilon`); training mode and its extra
// outputs are refused. Scale, B, mean and var may be constants or computed
// tensors. Most BatchNormalization nodes never get here: the converter folds
// those after a Conv into its weights (converter/passes/fold_batchnorm.h).
// Device class: runner/ops/batch_norm.cc; arithmetic:
// graph/reference/batch_norm.h; kernel: runner/kernels/batch_norm.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class BatchNormOp : public Op {
 public:
  explicit BatchNormOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  float epsilon_ = 1e-5f;  // set by Infer
};

}  // namespace campaign::graph
