// MaxPool (with the optional Indices output), AveragePool and LpPool over 1
// to 3 spatial dims, GlobalMaxPool, GlobalLpPool and GlobalAveragePool over
// any rank: the reference classes. 2-D MaxPool and AveragePool without
// Indices keep their own path (Pool2d, pool2d_f32); the others run PoolNd
// (poolnd_f32). MaxPool and GlobalMaxPool also take int8 and uint8 (exact
// integer maxima, PoolNd's windows; poolnd_max_8). Device classes:
// runner/ops/pool.cc; arithmetic:
// graph/reference/pool.h; kernels: runner/kernels/pool.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/pool.h"

namespace campaign::graph {

class PoolOp : public Op {
 public:
  // `global`: GlobalMaxPool / GlobalLpPool (the window is the whole input).
  PoolOp(const onnx::NodeProto& node, reference::PoolKind kind, bool global = false);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::PoolKind kind_;
  bool global_;
  // Set by Infer: nd_ selects q_ (PoolNd) over p_ (Pool2d).
  bool nd_ = false, has_indices_ = false;
  bool int8_ = false;  // MaxPool on int8/uint8 (always the PoolNd windows)
  reference::Pool2dParams p_;
  reference::PoolNdParams q_;
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
