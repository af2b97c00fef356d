// Cast: the reference class. Device class: runner/ops/cast.cc; arithmetic:
// graph/reference/cast.h; kernels: runner/kernels/cast.cl (float16 ones in
// runner/kernels/half.cl).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/op.h"

namespace campaign::graph {

class CastOp : public Op {
 public:
  explicit CastOp(const onnx::NodeProto& node);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  int32_t to_;
};

}  // namespace campaign::graph
