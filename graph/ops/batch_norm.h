// BatchNormalization: the reference class. Opset 6/7/9/14/15 forms (X,
// scale, B, mean, var; `epsilon`) in inference mode, and training mode
// (opset 14/15 `training_mode`=1: batch statistics, optional running_mean and
// running_var outputs by `momentum`); the saved-statistics outputs of opsets
// 6-9 are refused. Scale, B, mean and var may be constants or computed
// tensors. Most BatchNormalization nodes never get here: the converter folds
// inference ones after a Conv into its weights
// (converter/passes/fold_batchnorm.h). Device class:
// runner/ops/batch_norm.cc; arithmetic: graph/reference/batch_norm.h;
// kernels: runner/kernels/batch_norm.cl.
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
  float momentum_ = 0.9f;  // set by Infer (training mode)
  bool training_ = false;  // training_mode=1, set by Infer
  // Training mode: outputs 1 and 2 are named (ops get the present outputs
  // only, in order).
  bool has_running_mean_ = false, has_running_var_ = false;
};

}  // namespace campaign::graph
