// LRN: the reference class; `size` (required, odd or even), alpha, beta,
// bias; x [N, C, D1...] float32. Device class: runner/ops/lrn.cc;
// arithmetic: graph/reference/lrn.h; kernel: runner/kernels/lrn.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/lrn.h"

namespace campaign::graph {

class LrnOp : public Op {
 public:
  explicit LrnOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::LrnParams p_;
};

}  // namespace campaign::graph
