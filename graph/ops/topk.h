// TopK: the reference class. Device class: runner/ops/topk.cc; arithmetic:
// graph/reference/topk.h; kernels: runner/kernels/topk.cl.
//
// Values float32, int32 or int64 (float16 through the half adapter); K a
// constant input (opset 10+) or the `k` attribute (opset 1); outputs always
// sorted (which `sorted` = 0 allows) with int64 indices.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class TopKOp : public Op {
 public:
  explicit TopKOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  int64_t axis_;  // normalized by Infer
  bool largest_;
  int64_t k_ = 0;  // set by Infer
};

}  // namespace campaign::graph
