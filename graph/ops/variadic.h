// Max, Min, Sum, Mean over any number of broadcasting inputs: the reference
// class. Device class: runner/ops/variadic.cc (a chain of binary kernels);
// arithmetic: graph/reference/elementwise.h; kernels:
// runner/kernels/elementwise.cl.
#pragma once

#include <string>
#include <vector>

#include "graph/op.h"
#include "graph/ops/float64_compute.h"
#include "graph/reference/elementwise.h"

namespace campaign::graph {

class VariadicOp : public Op, public Float64Compute {
 public:
  VariadicOp(const onnx::NodeProto& node, reference::BinaryKind kind, bool mean);
  Result<std::vector<TensorInfo>> Infer(const std::vector<TensorInfo>& in) override;
  bool ComputesFloat64() const override { return true; }
  Status RunReference(const std::vector<const HostTensor*>& in,
                      const std::vector<HostTensor*>& out) override;

 protected:
  std::string label_;
  reference::BinaryKind kind_;
  bool mean_;
};

}  // namespace campaign::graph
