// Trilu: the reference class. Device class: runner/ops/trilu.cc; arithmetic:
// graph/reference/trilu.h; kernels: runner/kernels/trilu.cl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class TriluOp : public Op {
 public:
  explicit TriluOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  bool upper_;
  int64_t k_ = 0;  // set by Infer when the k input is present
};

}  // namespace campaign::graph
