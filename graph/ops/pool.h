// MaxPool, AveragePool (2-D windows) and GlobalAveragePool: the reference
// classes. Device classes: runner/ops/pool.cc; arithmetic:
// graph/reference/pool.h; kernels: runner/kernels/pool.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/pool.h"

namespace campaign::graph {

class PoolOp : public Op {
 public:
  PoolOp(const onnx::NodeProto& node, reference::PoolKind kind);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::PoolKind kind_;
  reference::Pool2dParams p_;  // set by Infer
};

class GlobalAveragePoolOp : public Op {
 public:
  explicit GlobalAveragePoolOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
};

}  // namespace campaign::graph
