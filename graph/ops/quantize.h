// QuantizeLinear and DequantizeLinear (opset 10/13): int8/uint8, per-tensor
// and per-axis: the reference class. Device class: runner/ops/quantize.cc;
// arithmetic: graph/reference/quantize.h; kernels: runner/kernels/quantize.cl.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/op.h"
#include "graph/reference/quantize.h"

namespace campaign::graph {

class QuantOp : public Op {
 public:
  // `quantize`: QuantizeLinear, else DequantizeLinear.
  QuantOp(const onnx::NodeProto& node, bool quantize);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  Status BadType(std::string_view which, DType t) const;

  std::string label_;
  bool quantize_;
  int64_t axis_attr_;
  // Set by Infer.
  bool has_zp_ = false;
  reference::QuantAxis axis_;
};

}  // namespace campaign::graph
