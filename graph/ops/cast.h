// Cast and CastLike (the target type is that of input 1) between any two
// element types, exactly (graph/reference/cast.h): the reference class. Device class:
// runner/ops/cast.cc; arithmetic: graph/reference/cast.h; kernels: runner/kernels/cast.cl (float16
// ones in runner/kernels/half.cl).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class CastOp : public Op {
 public:
  // `like`: CastLike, whose target type is input 1's dtype.
  CastOp(const onnx::NodeProto& node, bool like);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int32_t to_;  // Cast's `to` attribute
  bool like_;
};

}  // namespace campaign::graph
