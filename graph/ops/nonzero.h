// NonZero and Compress: the reference classes, ops with data-dependent
// outputs (graph/op.h Op::DataDependentOutputs). Device classes:
// runner/ops/nonzero.cc; arithmetic: graph/reference/nonzero.h; kernels:
// runner/kernels/nonzero.cl.
//
// Any element type (by its bytes). Upper bounds: NonZero [rank, numel];
// Compress the condition's length clipped to the axis extent along the axis,
// or to numel when x is taken flattened (no axis).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class NonZeroOp : public Op {
 public:
  explicit NonZeroOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool DataDependentOutputs() const override { return true; }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

class CompressOp : public Op {
 public:
  explicit CompressOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool DataDependentOutputs() const override { return true; }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  bool has_axis_;
  int64_t axis_;       // normalized by Infer; -1 when x is taken flattened
  int64_t bound_ = 0;  // upper bound of the kept slices (set by Infer)
};

}  // namespace campaign::graph
