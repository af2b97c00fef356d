// Gather, GatherElements and GatherND: the reference classes. Device classes:
// runner/ops/gather.cc; arithmetic: graph/reference/gather.h; kernels:
// runner/kernels/gather.cl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class GatherOp : public Op {
 public:
  explicit GatherOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t axis_;  // normalized by Infer
};

class GatherElementsOp : public Op {
 public:
  explicit GatherElementsOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t axis_;  // normalized by Infer
};

// GatherND with batch_dims: indices int64/int32, constant ones range-checked
// by Infer.
class GatherNDOp : public Op {
 public:
  explicit GatherNDOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int64_t batch_dims_;
};

}  // namespace campaign::graph
