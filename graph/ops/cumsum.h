// CumSum: the reference class. Device class: runner/ops/cumsum.cc;
// arithmetic: graph/reference/cumsum.h; kernels: runner/kernels/cumsum.cl.
//
// x float32, int32 or int64 (float16 through the half adapter); the axis a
// constant int32/int64 scalar input; `exclusive` and `reverse` attributes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class CumSumOp : public Op {
 public:
  explicit CumSumOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  bool exclusive_, reverse_;
  int64_t axis_ = 0;  // set (normalized) by Infer
};

}  // namespace campaign::graph
