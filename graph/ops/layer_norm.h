// LayerNormalization (and ai.campaign.LayerNormalization, the same operator
// for engines of opset < 17): the reference class. Device class:
// runner/ops/layer_norm.cc; arithmetic: graph/reference/layer_norm.h;
// kernel: runner/kernels/layer_norm.cl.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class LayerNormOp : public Op {
 public:
  explicit LayerNormOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  onnx::NodeProto node_;
  std::string label_;
  int64_t axis_;
  float eps_;
  int64_t inner_ = 1;  // set by Infer, as are the flags
  bool has_bias_ = false, stats_ = false;
};

}  // namespace campaign::graph
