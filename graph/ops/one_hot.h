// OneHot: the reference class. Device class: runner/ops/one_hot.cc;
// arithmetic: graph/reference/one_hot.h; kernels: runner/kernels/one_hot.cl.
//
// Indices float32, int32 or int64; depth a constant scalar of any numeric
// type; values a 2-element tensor (off, on) of float32, int32 or int64
// (float16 through the half adapter), computed or constant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class OneHotOp : public Op {
 public:
  explicit OneHotOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t axis_;       // normalized by Infer
  int64_t depth_ = 0;  // set by Infer
};

}  // namespace campaign::graph
