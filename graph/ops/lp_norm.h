// LpNormalization: the reference class; `axis` (default -1), `p` (1 or 2,
// default 2). Device class: runner/ops/lp_norm.cc; arithmetic:
// graph/reference/lp_norm.h; kernel: runner/kernels/lp_norm.cl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class LpNormOp : public Op {
 public:
  explicit LpNormOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  int p_ = 2;
  int64_t outer_ = 1, extent_ = 1, inner_ = 1;  // set by Infer
};

}  // namespace campaign::graph
