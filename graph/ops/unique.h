// Unique: the reference class, an op with data-dependent outputs
// (graph/op.h Op::DataDependentOutputs). Device class: runner/ops/unique.cc;
// arithmetic: graph/reference/unique.h; kernels: runner/kernels/unique.cl.
//
// float32 or int64; with or without axis, sorted or not; any of the four
// outputs. Upper bound of U (the unique count): the extent along the axis,
// or numel without one; inverse_indices has its exact shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class UniqueOp : public Op {
 public:
  explicit UniqueOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool DataDependentOutputs() const override { return true; }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  bool has_axis_;
  int64_t axis_;  // normalized by Infer; -1 when x is taken flattened
  bool sorted_;
  std::vector<bool> present_;  // per output (Y, indices, inverse_indices, counts): named
};

}  // namespace campaign::graph
