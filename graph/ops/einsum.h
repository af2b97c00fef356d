// Einsum: the reference class, any equation over float32 operands (float16
// through the half adapter); see graph/reference/einsum.h for the forms.
// Device class: runner/ops/einsum.cc (up to 3 operands); kernel:
// runner/kernels/einsum.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/einsum.h"

namespace campaign::graph {

class EinsumOp : public Op {
 public:
  explicit EinsumOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::EinsumPlan plan_;  // set by Infer
};

}  // namespace campaign::graph
