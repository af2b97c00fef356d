// ReverseSequence: the reference class. Device class:
// runner/ops/reverse_sequence.cc; arithmetic:
// graph/reference/reverse_sequence.h; kernels:
// runner/kernels/reverse_sequence.cl.
//
// Any data type (moved bytewise); sequence_lens int64 or int32, computed or
// constant (constant ones are range-checked by Infer; the device clamps
// computed ones to [0, time extent]).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class ReverseSequenceOp : public Op {
 public:
  explicit ReverseSequenceOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t batch_axis_, time_axis_;
};

}  // namespace campaign::graph
