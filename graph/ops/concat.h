// Concat: the reference class. Device class: runner/ops/concat.cc
// (rectangular buffer copies, no kernel); arithmetic:
// graph/reference/concat.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class ConcatOp : public Op {
 public:
  explicit ConcatOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t axis_;  // normalized by Infer
};

}  // namespace campaign::graph
