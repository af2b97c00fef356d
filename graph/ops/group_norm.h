// GroupNormalization and MeanVarianceNormalization: the reference classes,
// and NormGroupsOp, the base they share with InstanceNormalization
// (graph/ops/instance_norm.h). Device classes: runner/ops/group_norm.cc;
// arithmetic: graph/reference/group_norm.h; kernel:
// runner/kernels/group_norm.cl.
//
// GroupNormalization: x [N, C, D1...] (rank >= 3), `num_groups` G dividing
// C, `epsilon`. Opset 18 gives scale and bias of shape [G] (one per group),
// opset 21 of shape [C] (one per channel). The op does not know the model's
// opset, so the form is read from the shape: length C is per channel,
// length G per group (the same thing when G == C). `stash_type` is ignored:
// statistics are float32 on the device and double in the reference.
//
// MeanVarianceNormalization: `axes` (default [0, 2, 3]) reduced, then
// (x - mean) / (sqrt(var) + 1e-9), ONNX's function body.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/reference/group_norm.h"

namespace campaign::graph {

// An op that normalises sets of elements (reference::NormLayout), with an
// optional per-channel or per-group affine from inputs 1 (scale) and 2
// (bias). Subclasses' Infer sets layout_ and affine_.
class NormGroupsOp : public Op {
 public:
  explicit NormGroupsOp(const onnx::NodeProto& node);
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  reference::NormLayout layout_;
  bool affine_ = false;
};

class GroupNormOp : public NormGroupsOp {
 public:
  using NormGroupsOp::NormGroupsOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

class MvnOp : public NormGroupsOp {
 public:
  using NormGroupsOp::NormGroupsOp;
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
};

}  // namespace campaign::graph
