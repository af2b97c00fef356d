// Dropout in inference: the reference class. Y = X; the optional mask
// output is all true (bool). Inference means no training_mode input, or a
// constant false one; a constant true one is accepted only with a constant
// ratio of 0 (nothing is dropped). Otherwise `ratio` (input of opset 12+,
// attribute before) is ignored. Without a mask the op aliases its input
// (the device does nothing); with one, the device copies X and fills the
// mask (runner/ops/dropout.cc, no kernel).
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class DropoutOp : public Op {
 public:
  explicit DropoutOp(const onnx::NodeProto& node);
  bool AliasesInput() const override { return !mask_; }
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  bool mask_;  // output 1 requested
};

}  // namespace campaign::graph
